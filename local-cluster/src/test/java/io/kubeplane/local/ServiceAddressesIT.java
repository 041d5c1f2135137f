package io.kubeplane.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.apiserver.ApiServerApplication;
import io.kubeplane.ipam.IpamApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Services get their addresses from ipam-service through the api-server, as kubectl users see it:
 * a ClusterIP and NodePorts in the create answer, requested values honoured or refused with the
 * Kubernetes message, the ServiceCIDR and IPAddress views, release on delete and on type change,
 * and no duplicates when two api-servers and two ipam-services take 500 creates at once.
 */
class ServiceAddressesIT {

    private static final Pattern CLUSTER_IP = Pattern.compile("10\\.(9[6-9]|10[0-9]|11[01])\\.\\d+\\.\\d+");

    private static TestCluster cluster;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() {
        cluster = new TestCluster();
        kubectl = cluster.kubectl();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aNewServiceCarriesItsClusterIpAndTheViewsShowIt() {
        kubectl.run("create", "namespace", "addr");
        String created = kubectl.run("-n", "addr", "create", "service", "clusterip", "web", "--tcp=80:8080", "-o",
                "jsonpath={.spec.clusterIP} {.spec.clusterIPs[0]} {.spec.ipFamilies[0]} {.spec.ipFamilyPolicy}");
        String[] fields = created.split(" ");
        assertThat(fields[0]).matches(CLUSTER_IP);
        assertThat(fields[1]).isEqualTo(fields[0]);
        assertThat(fields[2]).isEqualTo("IPv4");
        assertThat(fields[3]).isEqualTo("SingleStack");

        assertThat(kubectl.run("get", "servicecidrs")).containsPattern("kubernetes\\s+10\\.96\\.0\\.0/12\\s+\\d+s");
        assertThat(kubectl.run("get", "ipaddresses", fields[0])).containsPattern(
                Pattern.quote(fields[0]) + "\\s+services/addr/web");
        assertThat(kubectl.run("get", "ipaddress", fields[0], "-o", "jsonpath={.spec.parentRef.name}")).isEqualTo("web");
        assertThat(kubectl.run("api-resources", "--api-group=networking.k8s.io")).contains("ipaddresses", "servicecidrs");
    }

    @Test
    void theKubernetesServiceHoldsTheFirstServiceAddressAndIsRecreatedWhenDeleted() {
        int securePort = cluster.settings().ports().secure();
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(kubectl.run("-n", "default", "get", "service", "kubernetes"))
                    .containsPattern("kubernetes\\s+ClusterIP\\s+10\\.96\\.0\\.1\\s+<none>\\s+443/TCP");
            // The first non-loopback address: Endpoints may not hold loopback ones.
            assertThat(kubectl.run("-n", "default", "get", "endpoints", "kubernetes"))
                    .containsPattern("kubernetes\\s+\\d+\\.\\d+\\.\\d+\\.\\d+:" + securePort);
            assertThat(kubectl.run("-n", "default", "get", "endpointslices", "kubernetes"))
                    .containsPattern("kubernetes\\s+IPv4\\s+" + securePort + "\\s+\\d+");
        });
        kubectl.run("-n", "default", "delete", "service", "kubernetes");
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(kubectl.run("-n", "default", "get", "service", "kubernetes", "-o", "jsonpath={.spec.clusterIP}"))
                        .isEqualTo("10.96.0.1"));
    }

    @Test
    void theKubernetesEndpointsListLiveReplicasAndDropOneWhoseLeaseRunsOut() throws Exception {
        LocalCluster.Started started = cluster.started();
        try (Connection db = DriverManager.getConnection(started.database().url(), started.database().user(),
                started.database().password())) {
            // Another replica, as far as the table knows: it renewed its lease just now.
            db.createStatement().executeUpdate("INSERT INTO api_server_leases (address, port, renewed_at) "
                                               + "VALUES ('192.0.2.10', " + cluster.settings().ports().secure() + ", now())");
            Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(kubectl.run("-n", "default", "get", "endpoints", "kubernetes", "-o",
                            "jsonpath={.subsets[0].addresses[*].ip}")).contains("192.0.2.10"));
            assertThat(kubectl.run("-n", "default", "get", "endpointslice", "kubernetes", "-o",
                    "jsonpath={.endpoints[*].addresses[0]}")).contains("192.0.2.10");
            // It stopped renewing 31 seconds ago: past the lease's time to live.
            db.createStatement().executeUpdate("UPDATE api_server_leases SET renewed_at = now() - interval '31 seconds' "
                                               + "WHERE address = '192.0.2.10'");
            Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                String listed = kubectl.run("-n", "default", "get", "endpoints", "kubernetes", "-o",
                        "jsonpath={.subsets[0].addresses[*].ip}");
                assertThat(listed).doesNotContain("192.0.2.10").matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            });
        }
    }

    @Test
    void requestedValuesAreHonouredOnceThenRefusedAsKubernetesWordsIt() {
        kubectl.run("create", "namespace", "static");
        assertThat(kubectl.run("-n", "static", "create", "service", "clusterip", "dns", "--clusterip=10.96.0.12",
                "--tcp=53:53")).isEqualTo("service/dns created\n");
        assertThat(kubectl.attempt("", "-n", "static", "create", "service", "clusterip", "dns2", "--clusterip=10.96.0.12",
                "--tcp=53:53").output()).isEqualTo("error: failed to create ClusterIP service: Service \"dns2\" is invalid: "
                + "spec.clusterIPs: Invalid value: []string{\"10.96.0.12\"}: failed to allocate IP 10.96.0.12: "
                + "provided IP is already allocated\n");
        assertThat(kubectl.attempt("", "-n", "static", "create", "service", "clusterip", "far", "--clusterip=10.200.0.10",
                "--tcp=53:53").output()).contains("spec.clusterIPs: Invalid value: []string{\"10.200.0.10\"}: "
                + "failed to allocate IP 10.200.0.10: the provided IP (10.200.0.10) is not in the valid range. "
                + "The range of valid IPs is 10.96.0.0/12");

        assertThat(kubectl.run("-n", "static", "create", "service", "nodeport", "np", "--tcp=80:8080", "--node-port=30080"))
                .isEqualTo("service/np created\n");
        assertThat(kubectl.attempt("", "-n", "static", "create", "service", "nodeport", "np2", "--tcp=80:8080",
                "--node-port=30080").output()).isEqualTo("error: failed to create NodePort service: Service \"np2\" is invalid: "
                + "spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n");
        assertThat(kubectl.run("-n", "static", "get", "services", "np2", "--ignore-not-found")).isEmpty();
    }

    @Test
    void deletingAServiceOrChangingItsTypeGivesItsAddressesBack() {
        kubectl.run("create", "namespace", "churn");
        kubectl.run("-n", "churn", "create", "service", "nodeport", "a", "--tcp=80:8080", "--node-port=30070");
        String ip = kubectl.run("-n", "churn", "get", "service", "a", "-o", "jsonpath={.spec.clusterIP}");
        kubectl.run("-n", "churn", "delete", "service", "a");
        assertThat(kubectl.run("-n", "churn", "create", "service", "clusterip", "b", "--tcp=80:8080", "--clusterip=" + ip))
                .isEqualTo("service/b created\n");
        kubectl.run("-n", "churn", "patch", "service", "b", "--type=merge", "-p",
                "{\"spec\":{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"targetPort\":8080,\"nodePort\":30070}]}}");
        assertThat(kubectl.run("-n", "churn", "get", "service", "b", "-o", "jsonpath={.spec.ports[0].nodePort}"))
                .isEqualTo("30070");

        kubectl.run("-n", "churn", "patch", "service", "b", "--type=merge", "-p", "{\"spec\":{\"type\":\"ClusterIP\"}}");
        assertThat(kubectl.run("-n", "churn", "get", "service", "b", "-o", "jsonpath={.spec.ports[0].nodePort}")).isEmpty();
        assertThat(kubectl.run("-n", "churn", "create", "service", "nodeport", "c", "--tcp=80:8080", "--node-port=30070"))
                .isEqualTo("service/c created\n");

        kubectl.run("-n", "churn", "patch", "service", "b", "--type=merge", "-p", "{\"spec\":{\"type\":\"NodePort\"}}");
        String nodePort = kubectl.run("-n", "churn", "get", "service", "b", "-o", "jsonpath={.spec.ports[0].nodePort}");
        assertThat(Integer.parseInt(nodePort)).isBetween(30086, 32767);
    }

    @Test
    void aDryRunShowsAnAddressButKeepsIt() {
        kubectl.run("create", "namespace", "dry");
        String dry = kubectl.run("-n", "dry", "create", "service", "clusterip", "d", "--clusterip=10.96.0.77", "--tcp=80",
                "--dry-run=server", "-o", "jsonpath={.spec.clusterIP}");
        assertThat(dry).isEqualTo("10.96.0.77");
        assertThat(kubectl.run("-n", "dry", "create", "service", "clusterip", "e", "--clusterip=10.96.0.77", "--tcp=80"))
                .isEqualTo("service/e created\n");
    }

    @Test
    void twoApiServersAndTwoIpamServicesNeverHandOutAnAddressTwice() throws Exception {
        LocalCluster.Started started = cluster.started();
        int ipamPort = freePort();
        int apiPort = freePort();
        try (ConfigurableApplicationContext ipam = IpamApplication.builder().run(
                "--server.port=" + ipamPort, "--server.address=127.0.0.1",
                "--spring.datasource.url=" + started.database().url(),
                "--spring.datasource.username=" + started.database().user(),
                "--spring.datasource.password=" + started.database().password(),
                "--spring.datasource.hikari.maximum-pool-size=6");
             ConfigurableApplicationContext apiServer = ApiServerApplication.builder().run(
                     "--server.port=" + apiPort,
                     "--spring.datasource.url=" + started.database().url(),
                     "--spring.datasource.username=" + started.database().user(),
                     "--spring.datasource.password=" + started.database().password(),
                     "--spring.datasource.hikari.maximum-pool-size=6",
                     "--kubeplane.api-server.token-file=" + cluster.home().resolve("tokens.csv"),
                     "--kubeplane.api-server.secure-serving.enabled=false",
                     "--kubeplane.api-server.relay.bootstrap-servers=" + started.kafkaBootstrap(),
                     "--kubeplane.api-server.ipam.url=http://127.0.0.1:" + ipamPort);
             ExecutorService clients = Executors.newFixedThreadPool(16)) {
            kubectl.run("create", "namespace", "race");
            HttpClient http = HttpClient.newHttpClient();
            List<String> servers = List.of("http://127.0.0.1:" + cluster.settings().ports().apiServer(),
                    "http://127.0.0.1:" + apiPort);
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String server = servers.get(i % 2);
                String body = """
                        {"apiVersion":"v1","kind":"Service","metadata":{"name":"s%d"},
                         "spec":{"type":"NodePort","selector":{"app":"x"},"ports":[{"port":80}]}}""".formatted(i);
                responses.add(clients.submit(() -> http.send(HttpRequest.newBuilder(
                                URI.create(server + "/api/v1/namespaces/race/services"))
                        .header("Authorization", "Bearer " + started.token()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())));
            }
            Set<String> ips = new HashSet<>();
            Set<String> ports = new HashSet<>();
            Pattern ip = Pattern.compile("\"clusterIP\":\"([^\"]+)\"");
            Pattern port = Pattern.compile("\"nodePort\":(\\d+)");
            for (Future<HttpResponse<String>> future : responses) {
                HttpResponse<String> response = future.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                Matcher m = ip.matcher(response.body());
                assertThat(m.find()).isTrue();
                assertThat(ips.add(m.group(1))).as("cluster IP %s handed out twice", m.group(1)).isTrue();
                Matcher p = port.matcher(response.body());
                assertThat(p.find()).isTrue();
                assertThat(ports.add(p.group(1))).as("NodePort %s handed out twice", p.group(1)).isTrue();
            }
            try (Connection connection = DriverManager.getConnection(started.database().url(), started.database().user(),
                    started.database().password());
                 ResultSet rs = connection.createStatement().executeQuery("""
                         SELECT count(*), count(DISTINCT (pool, value)) FROM ipam.allocations WHERE owner_namespace = 'race'""")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1000);
                assertThat(rs.getInt(2)).isEqualTo(1000);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
