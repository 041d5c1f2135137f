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
 * The node agents' service proxies in a whole local cluster, in userspace mode, carrying real HTTP:
 * a NodePort on either node answers from every ready pod (a pod on the other node reached through
 * that node's agent), a LoadBalancer's EXTERNAL-IP answers, a pod shows the environment and
 * resolv.conf a kubelet gives it, scaling down takes the removed pods out of the answers and the
 * rules, a port without endpoints refuses at once; each agent shows its service ports, the rules
 * it would program in iptables, nftables and IPVS form, a packet's path, and its sync latencies.
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

    /**
     * The pods that answered {@code requests} GETs of {@code url}, each on a connection of its own
     * (the proxy balances connections, as kube-proxy does); an answer starts with the pod's name.
     */
    private static java.util.Set<String> answering(String url, int requests) throws IOException {
        URI uri = URI.create(url);
        java.util.Set<String> pods = new java.util.TreeSet<>();
        for (int i = 0; i < requests; i++) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
                socket.setSoTimeout(3000);
                socket.getOutputStream().write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost()
                        + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(response).startsWith("HTTP/1.1 200 OK");
                pods.add(response.substring(response.indexOf("\r\n\r\n") + 4).split(" ")[0]);
            }
        }
        return pods;
    }

    private static java.util.Set<String> podNames(String namespace) {
        return new java.util.TreeSet<>(List.of(kubectl.run("-n", namespace, "get", "pods", "-o",
                "jsonpath={range .items[?(@.status.phase==\"Running\")]}{.metadata.name} {end}").strip().split(" ")));
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
                assertThat(view).contains("\"mode\":\"userspace\"", "\"nodePort\":" + nodePort, "\"internalVerdict\":\"FORWARD\"");
                ips.forEach(ip -> assertThat(view).contains("\"address\":\"" + ip + ":8080\""));
            });
        }
        java.util.Set<String> pods = podNames("proxy");
        for (String node : List.of("127.0.0.1", "127.0.0.2")) {
            eventually().untilAsserted(() -> assertThat(answering("http://" + node + ":" + nodePort + "/", 60)).isEqualTo(pods));
        }
        assertThat(get("http://127.0.0.1:" + nodePort + "/env")).contains("WEB_SERVICE_HOST=" + clusterIP,
                "WEB_SERVICE_PORT=80", "WEB_PORT_80_TCP=tcp://" + clusterIP + ":80");
        assertThat(get("http://127.0.0.2:" + nodePort + "/resolv.conf")).contains(
                "search proxy.svc.cluster.local svc.cluster.local cluster.local", "nameserver 10.96.0.10", "options ndots:5");

        String iptables = get(agent(2) + "/rules?format=iptables");
        assertThat(iptables).contains("-A KUBE-SERVICES -m comment --comment \"proxy/web cluster IP\" -m tcp -p tcp -d "
                                      + clusterIP + " --dport 80 -j KUBE-SVC-",
                "-A KUBE-NODEPORTS -m comment --comment proxy/web -m tcp -p tcp --dport " + nodePort + " -j KUBE-EXT-",
                "--probability 0.3333333333");
        ips.forEach(ip -> assertThat(iptables).contains("-j DNAT --to-destination " + ip + ":8080"));
        assertThat(get(agent(1) + "/rules?format=nftables")).contains("map service-ips {",
                clusterIP + " . tcp . 80 : goto service-");
        assertThat(iptables).contains(":PREROUTING ACCEPT [0:0]",
                "-A PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES");
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
            java.util.Set<String> survivor = podNames("proxy");
            assertThat(answering("http://127.0.0.1:" + nodePort + "/", 10)).isEqualTo(survivor);
            assertThat(answering("http://127.0.0.2:" + nodePort + "/", 10)).isEqualTo(survivor);
        });

        String metrics = get(agent(1) + "/actuator/prometheus");
        assertThat(metrics).contains("kubeproxy_sync_proxy_rules_duration_seconds_bucket",
                "kubeproxy_network_programming_duration_seconds_count");
    }

    @Test
    void aLoadBalancersExternalIpAnswers() throws Exception {
        kubectl.run("create", "namespace", "lb");
        kubectl.run("-n", "lb", "create", "deployment", "shop", "--image=nginx", "--replicas=2", "--port=8080");
        kubectl.run("-n", "lb", "expose", "deployment", "shop", "--type=LoadBalancer", "--port=8081", "--target-port=8080");
        kubectl.run("-n", "lb", "rollout", "status", "deployment/shop", "--timeout=60s");
        eventually().untilAsserted(() -> assertThat(kubectl.run("-n", "lb", "get", "service", "shop", "-o",
                "jsonpath={.status.loadBalancer.ingress[0].ip}")).startsWith("127.0.100."));
        String externalIp = kubectl.run("-n", "lb", "get", "service", "shop", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}");
        java.util.Set<String> pods = podNames("lb");

        eventually().untilAsserted(() -> assertThat(answering("http://" + externalIp + ":8081/", 40)).isEqualTo(pods));
    }

    @Test
    void aLocalPolicyLoadBalancersHealthCheckPassesOnlyOnTheNodeWithItsPod() throws Exception {
        kubectl.run("create", "namespace", "hc");
        kubectl.run("-n", "hc", "create", "deployment", "one", "--image=nginx", "--replicas=1", "--port=8080");
        kubectl.run("-n", "hc", "expose", "deployment", "one", "--type=LoadBalancer", "--port=8083", "--target-port=8080");
        kubectl.run("-n", "hc", "patch", "service", "one", "-p", "{\"spec\":{\"externalTrafficPolicy\":\"Local\"}}");
        kubectl.run("-n", "hc", "rollout", "status", "deployment/one", "--timeout=60s");
        String healthPort = kubectl.run("-n", "hc", "get", "service", "one", "-o", "jsonpath={.spec.healthCheckNodePort}");
        String podNode = kubectl.run("-n", "hc", "get", "pods", "-o", "jsonpath={.items[0].spec.nodeName}");
        String withPod = podNode.equals("node-1") ? "127.0.0.1" : "127.0.0.2";
        String without = podNode.equals("node-1") ? "127.0.0.2" : "127.0.0.1";

        assertThat(Integer.parseInt(healthPort)).isBetween(30000, 32767);
        eventually().untilAsserted(() -> assertThat(get("http://" + withPod + ":" + healthPort + "/"))
                .contains("\"namespace\": \"hc\"", "\"name\": \"one\"", "\"localEndpoints\": 1"));
        HttpResponse<String> failing = http.send(HttpRequest.newBuilder(URI.create("http://" + without + ":" + healthPort + "/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(failing.statusCode()).isEqualTo(503);
        assertThat(failing.body()).contains("\"localEndpoints\": 0");
    }

    @Test
    void aServiceWithoutEndpointsIsRejectedAndUnknownFormatsAreRefused() throws Exception {
        kubectl.run("create", "namespace", "lonely");
        kubectl.run("-n", "lonely", "create", "service", "clusterip", "nobody", "--tcp=80:8080");
        String clusterIP = kubectl.run("-n", "lonely", "get", "service", "nobody", "-o", "jsonpath={.spec.clusterIP}");

        eventually().untilAsserted(() -> assertThat(get(agent(1) + "/agent/v1/proxy?service=lonely/nobody"))
                .contains("\"internalVerdict\":\"REJECT\""));
        assertThat(get(agent(1) + "/rules?format=iptables")).contains("-A KUBE-SERVICES -m comment --comment "
                + "\"lonely/nobody:80-8080 has no endpoints\" -m tcp -p tcp -d " + clusterIP + " --dport 80 -j REJECT");
        assertThat(get(agent(1) + "/agent/v1/trace?destination=" + clusterIP + "&port=80"))
                .contains("\"verdict\":\"rejected\"", "has no endpoints");
        kubectl.run("-n", "lonely", "create", "service", "nodeport", "empty", "--tcp=80:8080");
        String emptyPort = kubectl.run("-n", "lonely", "get", "service", "empty", "-o", "jsonpath={.spec.ports[0].nodePort}");
        eventually().untilAsserted(() -> assertThat(get(agent(1) + "/agent/v1/proxy?service=lonely/empty"))
                .contains("127.0.0.1:" + emptyPort));
        long start = System.nanoTime();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> get("http://127.0.0.1:" + emptyPort + "/")))
                .isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(agent(1) + "/rules?format=pf")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(400);
    }
}
