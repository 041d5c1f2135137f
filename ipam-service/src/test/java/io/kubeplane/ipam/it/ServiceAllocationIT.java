package io.kubeplane.ipam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.ipam.it.IpamInstance.Response;
import io.kubeplane.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * ipam-service's Service allocation API against a real PostgreSQL: bands, requested values,
 * conflicts, atomicity, dry runs, release and reuse, exhaustion, and two replicas racing.
 */
class ServiceAllocationIT {

    private static final String[] RANGES = {
            "--kubeplane.ipam.service-cidrs[0]=10.100.0.0/20",
            "--kubeplane.ipam.node-port-range=30000-30999"};

    private static TestDatabase database;
    private static IpamInstance ipam;

    @BeforeAll
    static void start() {
        database = TestDatabase.create();
        ipam = new IpamInstance(database, RANGES);
    }

    @AfterAll
    static void stop() {
        ipam.close();
        database.close();
    }

    private static String request(String name, String uid, String clusterIPs, String nodePorts, boolean dryRun) {
        return """
                {"namespace":"default","name":"%s","uid":"%s","dryRun":%s,"clusterIPs":%s,"nodePorts":%s}"""
                .formatted(name, uid, dryRun, clusterIPs, nodePorts);
    }

    private static Response allocate(IpamInstance instance, String name, String uid, String clusterIPs, String nodePorts) {
        return instance.post("/ipam/v1/services/allocations", request(name, uid, clusterIPs, nodePorts, false));
    }

    private static String uid() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aDynamicClusterIpComesFromTheUpperBandAndShowsAsAnIPAddress() {
        Response response = allocate(ipam, "web", uid(), "{}", "[]");
        assertThat(response.status()).isEqualTo(200);
        String ip = response.json().path("clusterIPs").get(0).asString();
        assertThat(response.json().path("ipFamilies").toString()).isEqualTo("[\"IPv4\"]");
        assertThat(response.json().path("ipFamilyPolicy").asString()).isEqualTo("SingleStack");
        // A /20 keeps its lowest 256 addresses (10.100.0.1 - 10.100.1.0) for requested IPs.
        String[] octets = ip.split("\\.");
        assertThat(Integer.parseInt(octets[2]) * 256 + Integer.parseInt(octets[3])).isGreaterThan(256);

        JsonNode address = ipam.get("/apis/networking.k8s.io/v1/ipaddresses/" + ip).json();
        assertThat(address.path("spec").path("parentRef").path("name").asString()).isEqualTo("web");
        assertThat(address.path("spec").path("parentRef").path("resource").asString()).isEqualTo("services");
        assertThat(ipam.get("/ipam/v1/explain?value=" + ip).json().path("pools").get(0).path("band").asString())
                .isEqualTo("dynamic");
    }

    @Test
    void aRequestedIpIsHonouredOnceAndRefusedToAnotherService() {
        String uid = uid();
        Response first = allocate(ipam, "dns", uid, "{\"requested\":[\"10.100.0.10\"]}", "[]");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("clusterIPs").get(0).asString()).isEqualTo("10.100.0.10");
        assertThat(first.json().path("allocated").path("clusterIPs").toString()).isEqualTo("[\"10.100.0.10\"]");

        Response again = allocate(ipam, "dns", uid, "{\"requested\":[\"10.100.0.10\"]}", "[]");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("allocated").path("clusterIPs").isEmpty()).isTrue();

        Response other = allocate(ipam, "other", uid(), "{\"requested\":[\"10.100.0.10\"]}", "[]");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().path("reason").asString()).isEqualTo("Invalid");
        assertThat(other.json().path("message").asString()).isEqualTo(
                "Service \"other\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.100.0.10\"}: "
                + "failed to allocate IP 10.100.0.10: provided IP is already allocated");
        assertThat(other.json().path("details").path("causes").get(0).path("field").asString()).isEqualTo("spec.clusterIPs");
        assertThat(ipam.get("/ipam/v1/explain?value=10.100.0.10").json().path("pools").get(0).path("band").asString())
                .isEqualTo("static");
    }

    @Test
    void anIpOutsideTheServiceRangeIsRefused() {
        Response response = allocate(ipam, "far", uid(), "{\"requested\":[\"10.200.0.10\"]}", "[]");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("message").asString()).contains(
                "the provided IP (10.200.0.10) is not in the valid range. The range of valid IPs is 10.100.0.0/20");
    }

    @Test
    void nodePortsComeFromAboveTheStaticBandAndRequestedOnesAreHonoured() {
        Response response = allocate(ipam, "np", uid(), "{}", """
                [{"index":0,"port":80,"protocol":"TCP","nodePort":0},
                 {"index":1,"port":443,"protocol":"TCP","nodePort":30007},
                 {"index":2,"port":80,"protocol":"UDP","nodePort":0}]""");
        assertThat(response.status()).isEqualTo(200);
        JsonNode ports = response.json().path("nodePorts");
        int dynamic = ports.get(0).path("nodePort").asInt();
        // 1000 ports keep their lowest 31 (min(max(16, 1000/32), 128)) for requested ports.
        assertThat(dynamic).isBetween(30031, 30999);
        assertThat(ports.get(1).path("nodePort").asInt()).isEqualTo(30007);
        assertThat(ports.get(2).path("nodePort").asInt()).as("TCP and UDP on port 80 share one NodePort").isEqualTo(dynamic);

        Response taken = allocate(ipam, "np2", uid(), "{}", "[{\"index\":0,\"port\":80,\"protocol\":\"TCP\",\"nodePort\":30007}]");
        assertThat(taken.status()).isEqualTo(422);
        assertThat(taken.json().path("message").asString())
                .isEqualTo("Service \"np2\" is invalid: spec.ports[0].nodePort: Invalid value: 30007: provided port is already allocated");

        Response outside = allocate(ipam, "np3", uid(), "{}", "[{\"index\":0,\"port\":80,\"protocol\":\"TCP\",\"nodePort\":80}]");
        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.json().path("message").asString()).isEqualTo("Service \"np3\" is invalid: spec.ports[0].nodePort: "
                + "Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-30999");
    }

    @Test
    void aRequestThatFailsAnywhereTakesNothing() {
        assertThat(allocate(ipam, "holder", uid(), "{}", "[{\"index\":0,\"port\":80,\"protocol\":\"TCP\",\"nodePort\":30011}]")
                .status()).isEqualTo(200);
        Response failed = allocate(ipam, "loser", uid(), "{\"requested\":[\"10.100.0.20\"]}",
                "[{\"index\":0,\"port\":80,\"protocol\":\"TCP\",\"nodePort\":30011}]");
        assertThat(failed.status()).isEqualTo(422);
        assertThat(ipam.get("/ipam/v1/explain?value=10.100.0.20").json().path("pools").get(0).path("owner").isNull()).isTrue();
        assertThat(allocate(ipam, "winner", uid(), "{\"requested\":[\"10.100.0.20\"]}", "[]").status()).isEqualTo(200);
    }

    @Test
    void aDryRunAnswersButKeepsNothing() {
        Response dry = ipam.post("/ipam/v1/services/allocations",
                request("dry", uid(), "{\"requested\":[\"10.100.0.30\"]}", "[]", true));
        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.json().path("clusterIPs").get(0).asString()).isEqualTo("10.100.0.30");
        assertThat(allocate(ipam, "real", uid(), "{\"requested\":[\"10.100.0.30\"]}", "[]").status()).isEqualTo(200);
    }

    @Test
    void releasedValuesCanBeTakenAgainButOnlyTheirHolderReleasesThem() {
        String uid = uid();
        assertThat(allocate(ipam, "tmp", uid, "{\"requested\":[\"10.100.0.40\"]}",
                "[{\"index\":0,\"port\":80,\"protocol\":\"TCP\",\"nodePort\":30012}]").status()).isEqualTo(200);
        Response stranger = ipam.post("/ipam/v1/services/releases",
                "{\"uid\":\"" + uid() + "\",\"clusterIPs\":[\"10.100.0.40\"],\"nodePorts\":[30012]}");
        assertThat(stranger.json().path("clusterIPs").isEmpty()).isTrue();
        Response released = ipam.post("/ipam/v1/services/releases",
                "{\"uid\":\"" + uid + "\",\"clusterIPs\":[\"10.100.0.40\"],\"nodePorts\":[30012]}");
        assertThat(released.json().path("clusterIPs").toString()).isEqualTo("[\"10.100.0.40\"]");
        assertThat(released.json().path("nodePorts").toString()).isEqualTo("[30012]");
        assertThat(allocate(ipam, "next", uid(), "{\"requested\":[\"10.100.0.40\"]}",
                "[{\"index\":0,\"port\":80,\"protocol\":\"TCP\",\"nodePort\":30012}]").status()).isEqualTo(200);
    }

    @Test
    void aFullRangeIsAClearErrorAndFreesUpWhenAnAddressIsReleased() {
        try (IpamInstance tiny = new IpamInstance(database, "--kubeplane.ipam.service-cidrs[0]=10.101.0.0/29",
                "--kubeplane.ipam.node-port-range=31000-31001")) {
            List<String> uids = new ArrayList<>();
            Set<String> ips = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                String uid = uid();
                Response response = allocate(tiny, "s" + i, uid, "{}", "[]");
                assertThat(response.status()).isEqualTo(200);
                ips.add(response.json().path("clusterIPs").get(0).asString());
                uids.add(uid);
            }
            assertThat(ips).hasSize(6);
            Response full = allocate(tiny, "s6", uid(), "{}", "[]");
            assertThat(full.status()).isEqualTo(422);
            assertThat(full.json().path("message").asString()).isEqualTo(
                    "Service \"s6\" is invalid: spec.clusterIPs: Invalid value: []string{}: "
                    + "failed to allocate a serviceIP: range 10.101.0.0/29 is full");
            String freed = ips.iterator().next();
            String holder = null;
            for (String uid : uids) {
                if (tiny.get("/ipam/v1/owners/" + uid).json().get(0).path("value").asString().equals(freed)) {
                    holder = uid;
                }
            }
            tiny.post("/ipam/v1/services/releases", "{\"uid\":\"" + holder + "\",\"clusterIPs\":[\"" + freed + "\"]}");
            Response again = allocate(tiny, "s6", uid(), "{}", "[]");
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().path("clusterIPs").get(0).asString()).isEqualTo(freed);
        }
    }

    @Test
    void dryRunsLeaveNoValueBehindEvenAfterARefresh() throws InterruptedException {
        try (IpamInstance tiny = new IpamInstance(database, "--kubeplane.ipam.service-cidrs[0]=10.102.0.0/29",
                "--kubeplane.ipam.node-port-range=31002-31003", "--kubeplane.ipam.refresh-interval=100ms")) {
            for (int i = 0; i < 6; i++) {
                assertThat(tiny.post("/ipam/v1/services/allocations", request("dry" + i, uid(), "{}", "[]", true)).status())
                        .isEqualTo(200);
            }
            // Let the replica reload its map from the table: what the dry runs picked must not come back as taken.
            Thread.sleep(500);
            for (int i = 0; i < 6; i++) {
                Response response = allocate(tiny, "real" + i, uid(), "{}", "[]");
                assertThat(response.status()).as(response.json().toString()).isEqualTo(200);
            }
        }
    }

    @Test
    void twoReplicasRacingNeverHandOutOneValueTwice() throws Exception {
        try (IpamInstance second = new IpamInstance(database, RANGES);
             ExecutorService clients = Executors.newFixedThreadPool(16)) {
            List<Future<Response>> responses = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                IpamInstance target = i % 2 == 0 ? ipam : second;
                String name = "race-" + i;
                responses.add(clients.submit(() -> allocate(target, name, uid(), "{}",
                        "[{\"index\":0,\"port\":80,\"protocol\":\"TCP\",\"nodePort\":0}]")));
            }
            Set<String> ips = new HashSet<>();
            Set<Integer> ports = new HashSet<>();
            for (Future<Response> future : responses) {
                Response response = future.get();
                assertThat(response.status()).isEqualTo(200);
                assertThat(ips.add(response.json().path("clusterIPs").get(0).asString())).isTrue();
                assertThat(ports.add(response.json().path("nodePorts").get(0).path("nodePort").asInt())).isTrue();
            }
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                 ResultSet rs = connection.createStatement().executeQuery(
                         "SELECT count(*), count(DISTINCT value) FROM ipam.allocations WHERE owner_name LIKE 'race-%'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1000);
                assertThat(rs.getInt(2)).isEqualTo(1000);
            }
        }
    }
}
