package io.kubeplane.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.ipam.IpamApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ipam-service's controllers as a kubectl user sees them: a Node registers and gets a podCIDR, pods
 * bound to it get IPs from it (and give them back), LoadBalancer Services get an EXTERNAL-IP from
 * the pool, wait with an Event when it is full and get one when an IP is freed, and the repair loop
 * releases a planted leak and re-records an address nobody held.
 */
class ClusterAddressesIT {

    private static final String TINY_POOL = "127.0.101.0/30"; // two usable addresses

    private static TestCluster cluster;
    private static Kubectl kubectl;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        cluster = new TestCluster(home -> { }, Map.of(IpamApplication.CONFIG_NAME, List.of(
                "--kubeplane.ipam.node-cidr-mask-size=29", // five pod IPs per node: small enough to fill
                "--kubeplane.ipam.load-balancer-pools.tiny[0]=" + TINY_POOL,
                "--kubeplane.ipam.controllers.repair-interval=1h", // passes run when the test asks
                "--kubeplane.ipam.controllers.repair-grace-period=1s")), TestCluster.WITHOUT_NODES);
        kubectl = cluster.kubectl();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions();
    }

    @Test
    void aNodeGetsAPodCidrAndItsPodsGetAddressesFromItUntilItIsFull() {
        kubectl.runWithInput(node("node-a"), "apply", "-f", "-");
        String[] cidr = new String[1];
        eventually().untilAsserted(() -> {
            cidr[0] = kubectl.run("get", "node", "node-a", "-o", "jsonpath={.spec.podCIDR}");
            assertThat(cidr[0]).matches("10\\.244\\.\\d+\\.\\d+/29");
        });
        assertThat(kubectl.run("get", "node", "node-a", "-o", "jsonpath={.spec.podCIDRs[0]}")).isEqualTo(cidr[0]);
        String prefix = cidr[0].substring(0, cidr[0].lastIndexOf('.') + 1);
        int base = Integer.parseInt(cidr[0].substring(cidr[0].lastIndexOf('.') + 1, cidr[0].indexOf('/')));

        kubectl.run("create", "namespace", "pods-a");
        for (int i = 1; i <= 6; i++) {
            kubectl.runWithInput(pod("pods-a", "p" + i, "node-a"), "apply", "-f", "-");
        }
        // Five addresses: the network address, the gateway (.1) and the broadcast address are not handed out.
        eventually().untilAsserted(() -> assertThat(podIps("pods-a")).hasSize(5));
        assertThat(podIps("pods-a")).allSatisfy(ip -> {
            assertThat(ip).startsWith(prefix);
            int last = Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1));
            assertThat(last).isBetween(base + 2, base + 6);
        }).doesNotHaveDuplicates();
        String waiting = missing("pods-a");
        eventually().untilAsserted(() -> assertThat(kubectl.run("-n", "pods-a", "get", "events",
                "--field-selector", "involvedObject.name=" + waiting, "-o", "jsonpath={.items[*].reason}"))
                .contains("FailedCreatePodSandBox"));

        String p1 = kubectl.run("-n", "pods-a", "get", "pod", "p1", "-o", "jsonpath={.status.podIP}");
        String p1Uid = kubectl.run("-n", "pods-a", "get", "pod", "p1", "-o", "jsonpath={.metadata.uid}");
        assertThat(ipam("/ipam/v1/explain?value=" + p1)).contains("pods-a", "p1");
        // node-a has no agent to finish a graceful deletion: remove p1 at once, as a kubelet would once stopped.
        kubectl.run("-n", "pods-a", "delete", "pod", "p1", "--force", "--grace-period=0", "--wait=false");
        eventually().untilAsserted(() -> assertThat(ipam("/ipam/v1/owners/" + p1Uid)).isEqualTo("[]"));
        eventually().untilAsserted(() -> assertThat(kubectl.run("-n", "pods-a", "get", "pod", waiting, "-o",
                "jsonpath={.status.podIP}")).isEqualTo(p1));

        String nodeUid = kubectl.run("get", "node", "node-a", "-o", "jsonpath={.metadata.uid}");
        kubectl.run("delete", "node", "node-a");
        eventually().untilAsserted(() -> assertThat(ipam("/ipam/v1/owners/" + nodeUid)).isEqualTo("[]"));
    }

    @Test
    void loadBalancersGetAnExternalIpFromThePoolAndGiveItBack() {
        kubectl.run("create", "namespace", "lb");
        kubectl.run("-n", "lb", "create", "service", "loadbalancer", "web", "--tcp=80:8080");
        eventually().untilAsserted(() -> assertThat(kubectl.run("-n", "lb", "get", "service", "web"))
                .containsPattern("web\\s+LoadBalancer\\s+10\\.\\S+\\s+127\\.0\\.100\\.\\d+\\s+80:3\\d{4}/TCP"));
        String ip = kubectl.run("-n", "lb", "get", "service", "web", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}");
        assertThat(ipam("/ipam/v1/explain?value=" + ip)).contains("load-balancer-ips", "web");

        kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: fixed, namespace: lb}
                spec:
                  type: LoadBalancer
                  loadBalancerIP: 127.0.100.200
                  ports: [{port: 443, targetPort: 8443}]
                """, "apply", "-f", "-");
        eventually().untilAsserted(() -> assertThat(kubectl.run("-n", "lb", "get", "service", "fixed", "-o",
                "jsonpath={.status.loadBalancer.ingress[0].ip}")).isEqualTo("127.0.100.200"));

        String uid = kubectl.run("-n", "lb", "get", "service", "web", "-o", "jsonpath={.metadata.uid}");
        kubectl.run("-n", "lb", "patch", "service", "web", "--type=merge", "-p",
                "{\"spec\":{\"type\":\"ClusterIP\",\"ports\":[{\"port\":80,\"targetPort\":8080,\"nodePort\":null}]}}");
        eventually().untilAsserted(() -> {
            assertThat(kubectl.run("-n", "lb", "get", "service", "web", "-o", "jsonpath={.status.loadBalancer}")).isIn("", "{}");
            assertThat(ipam("/ipam/v1/owners/" + uid)).doesNotContain(ip);
        });
    }

    @Test
    void aLocalTrafficLoadBalancerGetsAHealthCheckNodePortAndGivesItBackWhenTheTrafficGoesClusterWide() {
        kubectl.run("create", "namespace", "hc");
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: local, namespace: hc}
                spec:
                  type: LoadBalancer
                  externalTrafficPolicy: Local
                  ports: [{port: 80, targetPort: 8080}]
                """, "apply", "-f", "-");
        String[] ports = kubectl.run("-n", "hc", "get", "service", "local", "-o",
                "jsonpath={.spec.healthCheckNodePort} {.spec.ports[0].nodePort} {.metadata.uid}").split(" ");
        int healthCheck = Integer.parseInt(ports[0]);
        assertThat(healthCheck).isBetween(30000, 32767).isNotEqualTo(Integer.parseInt(ports[1]));
        assertThat(ipam("/ipam/v1/explain?value=" + healthCheck)).contains("services/hc/local");

        kubectl.run("-n", "hc", "patch", "service", "local", "--type=merge", "-p", "{\"spec\":{\"externalTrafficPolicy\":\"Cluster\"}}");
        assertThat(kubectl.run("-n", "hc", "get", "service", "local", "-o", "jsonpath={.spec.healthCheckNodePort}")).isEmpty();
        assertThat(ipam("/ipam/v1/owners/" + ports[2])).doesNotContain("\"" + healthCheck + "\"").contains(ports[1]);
    }

    @Test
    void aFullPoolLeavesTheServicePendingWithAnEventUntilAnIpIsFreed() {
        kubectl.run("create", "namespace", "tiny");
        for (String name : List.of("one", "two", "three")) {
            kubectl.runWithInput("""
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: %s
                      namespace: tiny
                      annotations: {kubeplane.io/load-balancer-pool: tiny}
                    spec:
                      type: LoadBalancer
                      ports: [{port: 80}]
                    """.formatted(name), "apply", "-f", "-");
        }
        eventually().untilAsserted(() -> assertThat(kubectl.run("-n", "tiny", "get", "services", "-o",
                "jsonpath={.items[*].status.loadBalancer.ingress[0].ip}").split(" ")).containsExactlyInAnyOrder(
                "127.0.101.1", "127.0.101.2"));
        String pending = List.of("one", "two", "three").stream().filter(n -> kubectl.run("-n", "tiny", "get", "service", n,
                "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}").isEmpty()).findFirst().orElseThrow();
        assertThat(kubectl.run("-n", "tiny", "get", "service", pending)).contains("<pending>");
        eventually().untilAsserted(() -> assertThat(kubectl.run("-n", "tiny", "get", "events", "--field-selector",
                "involvedObject.name=" + pending, "-o", "jsonpath={.items[*].message}"))
                .contains("no available IPs in pool \"tiny\""));

        String freed = List.of("one", "two", "three").stream().filter(n -> !n.equals(pending)).findFirst().orElseThrow();
        String freedIp = kubectl.run("-n", "tiny", "get", "service", freed, "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}");
        kubectl.run("-n", "tiny", "delete", "service", freed);
        eventually().untilAsserted(() -> assertThat(kubectl.run("-n", "tiny", "get", "service", pending, "-o",
                "jsonpath={.status.loadBalancer.ingress[0].ip}")).isEqualTo(freedIp));
    }

    @Test
    void theRepairLoopReleasesAPlantedLeakAndRecordsAnAddressNobodyHeld() throws SQLException {
        kubectl.run("create", "namespace", "repair");
        kubectl.run("-n", "repair", "create", "service", "loadbalancer", "kept", "--tcp=80:8080");
        String[] ip = new String[1];
        eventually().untilAsserted(() -> {
            ip[0] = kubectl.run("-n", "repair", "get", "service", "kept", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}");
            assertThat(ip[0]).startsWith("127.0.100.");
        });
        try (Connection db = database()) {
            // A leak: a NodePort held by a Service that never existed.
            try (PreparedStatement leak = db.prepareStatement("""
                    INSERT INTO ipam.allocations (pool, ordinal, value, owner_resource, owner_namespace, owner_name, owner_uid, slot, allocated_at)
                    VALUES ('node-ports', 2700, '32700', 'services', 'repair', 'ghost', 'no-such-uid', NULL, now() - interval '1 hour')""")) {
                leak.executeUpdate();
            }
            // An address a live Service carries that the table lost.
            try (PreparedStatement lose = db.prepareStatement("DELETE FROM ipam.allocations WHERE value = ?")) {
                lose.setString(1, ip[0]);
                assertThat(lose.executeUpdate()).isEqualTo(1);
            }
        }
        String report = ipamPost("/ipam/v1/repair");
        assertThat(report).contains("32700", "services/repair/ghost").contains(ip[0] + " (load-balancer-ips:127.0.100.0/24) for services/repair/kept");
        assertThat(ipam("/ipam/v1/explain?value=32700")).doesNotContain("ghost");
        assertThat(ipam("/ipam/v1/explain?value=" + ip[0])).contains("kept");
        eventually().untilAsserted(() -> assertThat(kubectl.run("-n", "repair", "get", "events", "--field-selector",
                "involvedObject.name=kept", "-o", "jsonpath={.items[*].reason}")).contains("IPNotAllocated"));
        assertThat(ipam("/actuator/prometheus")).contains("ipam_repair_actions_total{action=\"released-leak\"");
    }

    private static List<String> podIps(String namespace) {
        String ips = kubectl.run("-n", namespace, "get", "pods", "-o", "jsonpath={.items[*].status.podIP}").strip();
        return ips.isEmpty() ? List.of() : List.of(ips.split("\\s+"));
    }

    /** The pod of {@code namespace} that has no IP. */
    private static String missing(String namespace) {
        List<String> all = List.of(kubectl.run("-n", namespace, "get", "pods", "-o", "jsonpath={.items[*].metadata.name}").split(" "));
        List<String> withIp = List.of(kubectl.run("-n", namespace, "get", "pods", "-o",
                "jsonpath={range .items[?(@.status.podIP)]}{.metadata.name} {end}").strip().split(" "));
        return all.stream().filter(n -> !withIp.contains(n)).findFirst().orElseThrow();
    }

    private static String node(String name) {
        return """
                apiVersion: v1
                kind: Node
                metadata: {name: %s}
                """.formatted(name);
    }

    private static String pod(String namespace, String name, String node) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: %s}
                spec:
                  nodeName: %s
                  containers: [{name: web, image: nginx}]
                """.formatted(name, namespace, node);
    }

    private static String ipam(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(ipamUri(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ipamPost(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(ipamUri(path))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI ipamUri(String path) {
        return URI.create("http://127.0.0.1:" + cluster.settings().ports().ipamService() + path);
    }

    private static Connection database() throws SQLException {
        var target = cluster.started().database();
        return DriverManager.getConnection(target.url(), target.user(), target.password());
    }
}
