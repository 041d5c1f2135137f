package io.kubeplane.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The visualizer in a real headless Chromium against a whole local cluster: a wrong token shows
 * "unauthorized" and nothing else; with the admin token the page shows a NodePort Service and its
 * three pods by node, follows a scale to five without a reload, sends traffic through a NodePort
 * and draws the split over the pods; an annotation holding HTML is shown as text, never run. Each
 * step leaves a screenshot in {@code target/visualizer/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VisualizerIT {

    private static final Path SCREENSHOTS = Path.of("target", "visualizer");
    private static final String NS = "viz";
    private static final String HOSTILE = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";

    private static TestCluster cluster;
    private static Kubectl kubectl;
    private static WebDriver browser;
    private static String token;
    private static String page;

    @BeforeAll
    static void start() throws IOException {
        cluster = new TestCluster(home -> { }, Map.of());
        kubectl = cluster.kubectl();
        token = kubectl.run("config", "view", "--raw", "-o", "jsonpath={.users[0].user.token}").strip();
        page = "http://127.0.0.1:" + cluster.settings().ports().apiServer() + "/ui/";
        kubectl.run("create", "namespace", NS);
        kubectl.run("-n", NS, "create", "deployment", "web", "--image=nginx", "--replicas=3", "--port=8080");
        kubectl.run("-n", NS, "create", "service", "nodeport", "web", "--tcp=80:8080");
        kubectl.run("-n", NS, "annotate", "service", "web", "description=" + HOSTILE);
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(onPath("chromium").toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1800", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(onPath("chromedriver").toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aWrongTokenIsUnauthorizedAndShowsNothingElse() throws IOException {
        browser.get(page);
        signIn("not-a-token");
        WebElement error = waitFor().until(d -> visible(By.cssSelector("[data-testid=login-error]")));
        assertThat(error.getText()).isEqualTo("unauthorized");
        assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("[data-testid=service]"))).isEmpty();
        screenshot("1-unauthorized");
    }

    @Test
    @Order(2)
    void signedInItShowsTheServiceWithItsThreePodsByNode() throws IOException {
        browser.get(page);
        signIn(token);
        new Select(waitFor().until(d -> visible(By.cssSelector("[data-testid=namespace]")))).selectByValue(NS);
        waitFor().until(d -> readyPods() == 3);
        WebElement card = serviceCard();
        assertThat(card.getText()).contains("NodePort", "web.viz.svc.cluster.local", "Selects app=web: 3 pods");
        assertThat(card.findElements(By.cssSelector("[data-testid=node]"))).isNotEmpty();
        screenshot("2-three-pods");
    }

    @Test
    @Order(3)
    void scalingToFiveShowsFiveCardsWithoutAReload() throws IOException {
        Object marker = ((JavascriptExecutor) browser).executeScript("return window.kubeplaneMarker = Math.random();");
        kubectl.run("-n", NS, "scale", "deployment", "web", "--replicas=5");
        waitFor().until(d -> readyPods() == 5);
        // The same page: a reload would have dropped the marker.
        assertThat(((JavascriptExecutor) browser).executeScript("return window.kubeplaneMarker;")).isEqualTo(marker);
        // The last change is timed from the pod to the slice and on to both nodes' rules, as they report it.
        waitFor().until(d -> serviceCard().findElements(By.cssSelector("[data-testid=last-change]")).stream()
                .anyMatch(e -> e.getText().contains("EndpointSlice +") && e.getText().contains("node-1 rules +")
                               && e.getText().contains("node-2 rules +")));
        screenshot("3-five-pods");
    }

    @Test
    @Order(4)
    void trafficThroughANodePortIsSplitOverThePods() throws IOException {
        serviceCard().findElement(By.cssSelector("[data-testid=open-service]")).click();
        WebElement count = waitFor().until(d -> visible(By.cssSelector("[data-testid=traffic-count]")));
        count.clear();
        count.sendKeys("100");
        browser.findElement(By.cssSelector("[data-testid=traffic-send]")).click();
        List<WebElement> bars = waitFor().until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("[data-testid=bar]"));
            return found.isEmpty() ? null : found;
        });
        int total = bars.stream().mapToInt(b -> Integer.parseInt(b.getAttribute("data-count"))).sum();
        assertThat(total).isEqualTo(100);
        assertThat(bars).hasSizeGreaterThan(1);
        assertThat(bars).allSatisfy(b -> assertThat(b.getAttribute("data-pod")).startsWith("web-"));
        screenshot("4-traffic");
    }

    @Test
    @Order(5)
    void htmlInAnAnnotationIsShownAsTextAndNeverRuns() throws IOException {
        WebElement description = serviceCard().findElement(By.cssSelector("[data-testid=description]"));
        assertThat(description.getText()).isEqualTo(HOSTILE);
        assertThat(description.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("[data-testid=metadata]")).getText()).contains(HOSTILE);
        assertThat(browser.findElements(By.cssSelector("main img, main script"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined;")).isEqualTo(true);
        screenshot("5-annotation-as-text");
    }

    /** Debian's chromium and chromium-driver, which ./kubeplane-test installs; no download at test time. */
    private static Path onPath(String program) {
        return java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException(program + " is not on the PATH: apt-get install chromium chromium-driver"));
    }

    private static void signIn(String withToken) {
        WebElement field = waitFor().until(d -> visible(By.cssSelector("[data-testid=token]")));
        field.clear();
        field.sendKeys(withToken);
        browser.findElement(By.cssSelector("[data-testid=sign-in]")).click();
    }

    private static WebElement serviceCard() {
        return browser.findElement(By.cssSelector("[data-testid=service][data-service=web]"));
    }

    private static long readyPods() {
        List<WebElement> cards = browser.findElements(By.cssSelector("[data-testid=service][data-service=web] [data-testid=pod]"));
        return cards.size() == cards.stream().filter(p -> "ready".equals(p.getAttribute("data-state"))).count()
                ? cards.size() : -1;
    }

    private static WebElement visible(By by) {
        List<WebElement> found = browser.findElements(by);
        return found.isEmpty() || !found.getFirst().isDisplayed() ? null : found.getFirst();
    }

    private static WebDriverWait waitFor() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(200));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
