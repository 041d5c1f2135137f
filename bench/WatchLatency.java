import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watch delivery latency: opens a watch on a namespace's services, then creates N services one after
 * another (with a small pause) and measures, for each, the time from the create response arriving
 * to its ADDED event arriving on the watch. Prints p50/p90/p99/max in milliseconds.
 *
 * <p>Run with the source launcher: {@code java bench/WatchLatency.java <base-url> <token> <namespace> <count>}.
 */
public class WatchLatency {

    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"(w-[0-9]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        String namespace = args[2];
        int count = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newHttpClient();
        String services = base + "/api/v1/namespaces/" + namespace + "/services";

        String list = http.send(request(services, token).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher version = Pattern.compile("\"resourceVersion\"\\s*:\\s*\"([0-9]+)\"").matcher(list);
        version.find();
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(count);
        HttpResponse<java.io.InputStream> watch = http.send(
                request(services + "?watch=true&resourceVersion=" + version.group(1), token).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    long now = System.nanoTime();
                    if (line.contains("\"ADDED\"")) {
                        Matcher name = NAME.matcher(line);
                        if (name.find() && arrived.putIfAbsent(name.group(1), now) == null) {
                            all.countDown();
                        }
                    }
                }
            } catch (Exception e) {
                // watch closed
            }
        });

        Map<String, Long> returned = new ConcurrentHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = "w-" + i;
            String body = "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name
                          + "\"},\"spec\":{\"ports\":[{\"port\":80}]}}";
            HttpResponse<String> created = http.send(request(services, token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            returned.put(name, System.nanoTime());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("create failed: " + created.statusCode() + " " + created.body());
            }
            Thread.sleep(5);
        }
        if (!all.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + arrived.size() + " of " + count + " events arrived");
        }
        List<Double> latencies = new ArrayList<>();
        returned.forEach((name, at) -> latencies.add(Math.max(0, arrived.get(name) - at) / 1e6));
        Collections.sort(latencies);
        System.out.printf("watch delivery after create returned, %d events: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                count, pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), latencies.getLast());
        reader.interrupt();
        System.exit(0);
    }

    private static double pct(List<Double> sorted, int percentile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    private static HttpRequest.Builder request(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
    }
}
