package io.kubeplane.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node agents' service proxies in a whole local cluster (dry-run mode: computed and shown, not
 * applied to this machine): each agent follows Services and EndpointSlices, shows the service ports
 * with their endpoints and verdicts, the rules it would program in iptables, nftables and IPVS
 * form, and a packet's path; scaling a Deployment changes the rules on both nodes, a port without
 * endpoints is rejected, and the sync and network-programming latencies are exported as metrics.
 */
class ServiceProxyIT {

    private static TestCluster cluster;
    private static Kubectl kubectl;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() {
        cluster = new TestCluster(home -> { }, Map.of());
        kubectl = cluster.kubectl();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions();
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static String agent(int node) {
        return "http://127.0.0.1:" + (node == 1 ? cluster.settings().ports().proxyAgent()
                : cluster.settings().ports().secondProxyAgent());
    }

    private static List<String> podIps(String namespace) {
        return List.of(kubectl.run("-n", namespace, "get", "pods", "-o",
                "jsonpath={range .items[?(@.status.phase==\"Running\")]}{.status.podIP} {end}").strip().split(" "));
    }

    @Test
    void bothNodesProgramEveryReadyPodOfANodePortServiceAndFollowAScaleDown() throws Exception {
        kubectl.run("create", "namespace", "proxy");
        kubectl.run("-n", "proxy", "create", "deployment", "web", "--image=nginx", "--replicas=3", "--port=8080");
        kubectl.run("-n", "proxy", "expose", "deployment", "web", "--type=NodePort", "--port=80", "--target-port=8080");
        kubectl.run("-n", "proxy", "rollout", "status", "deployment/web", "--timeout=60s");
        String nodePort = kubectl.run("-n", "proxy", "get", "service", "web", "-o", "jsonpath={.spec.ports[0].nodePort}");
        String clusterIP = kubectl.run("-n", "proxy", "get", "service", "web", "-o", "jsonpath={.spec.clusterIP}");
        List<String> ips = podIps("proxy");
        assertThat(ips).hasSize(3);

        for (int node : List.of(1, 2)) {
            eventually().untilAsserted(() -> {
                String view = get(agent(node) + "/agent/v1/proxy?service=proxy/web");
                assertThat(view).contains("\"mode\":\"dry-run\"", "\"nodePort\":" + nodePort, "\"internalVerdict\":\"FORWARD\"");
                ips.forEach(ip -> assertThat(view).contains("\"address\":\"" + ip + ":8080\""));
            });
        }
        String iptables = get(agent(2) + "/rules?format=iptables");
        assertThat(iptables).contains("-A KUBE-SERVICES -m comment --comment \"proxy/web cluster IP\" -d " + clusterIP
                                      + "/32 -p tcp -m tcp --dport 80 -j KUBE-SVC-",
                "-A KUBE-NODEPORTS -m comment --comment \"proxy/web\" -p tcp -m tcp --dport " + nodePort + " -j KUBE-EXT-",
                "--probability 0.3333333333");
        ips.forEach(ip -> assertThat(iptables).contains("-j DNAT --to-destination " + ip + ":8080"));
        assertThat(get(agent(1) + "/rules?format=nftables")).contains("add element ip kube-proxy service-ips { " + clusterIP
                                                                        + " . tcp . 80 : goto service-");
        assertThat(get(agent(1) + "/rules?format=ipvs")).contains("-A -t " + clusterIP + ":80 -s rr",
                "-A -t 127.0.0.1:" + nodePort + " -s rr");
        assertThat(get(agent(2) + "/rules?format=ipvs")).contains("-A -t 127.0.0.2:" + nodePort + " -s rr");

        String trace = get(agent(1) + "/agent/v1/trace?destination=127.0.0.1&port=" + nodePort + "&client=192.0.2.7");
        assertThat(trace).contains("\"verdict\":\"forwarded\"", "\"service\":\"proxy/web\"", "KUBE-NODEPORTS");
        assertThat(ips).anySatisfy(ip -> assertThat(trace).contains("\"endpoint\":\"" + ip + ":8080\""));

        kubectl.run("-n", "proxy", "scale", "deployment", "web", "--replicas=1");
        eventually().untilAsserted(() -> {
            List<String> left = podIps("proxy");
            assertThat(left).hasSize(1);
            for (int node : List.of(1, 2)) {
                String rules = get(agent(node) + "/rules?format=iptables");
                assertThat(rules).contains("-j DNAT --to-destination " + left.getFirst() + ":8080");
                ips.stream().filter(ip -> !left.contains(ip))
                        .forEach(gone -> assertThat(rules).doesNotContain("-j DNAT --to-destination " + gone + ":8080"));
            }
        });

        String metrics = get(agent(1) + "/actuator/prometheus");
        assertThat(metrics).contains("kubeproxy_sync_proxy_rules_duration_seconds_bucket",
                "kubeproxy_network_programming_duration_seconds_count");
    }

    @Test
    void aServiceWithoutEndpointsIsRejectedAndUnknownFormatsAreRefused() throws Exception {
        kubectl.run("create", "namespace", "lonely");
        kubectl.run("-n", "lonely", "create", "service", "clusterip", "nobody", "--tcp=80:8080");
        String clusterIP = kubectl.run("-n", "lonely", "get", "service", "nobody", "-o", "jsonpath={.spec.clusterIP}");

        eventually().untilAsserted(() -> assertThat(get(agent(1) + "/agent/v1/proxy?service=lonely/nobody"))
                .contains("\"internalVerdict\":\"REJECT\""));
        assertThat(get(agent(1) + "/rules?format=iptables")).contains("-A KUBE-SERVICES -m comment --comment "
                + "\"lonely/nobody:80-8080 cluster IP\" -d " + clusterIP + "/32 -p tcp -m tcp --dport 80 -j REJECT");
        assertThat(get(agent(1) + "/agent/v1/trace?destination=" + clusterIP + "&port=80"))
                .contains("\"verdict\":\"rejected\"", "has no endpoints");
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(agent(1) + "/rules?format=pf")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(400);
    }
}
