package io.kubeplane.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * dns-service in the local cluster, queried over real UDP and TCP with dnsjava's resolver:
 * Services created through the api-server become answerable, headless Services answer with their
 * ready endpoints (written by endpoints-controller), NXDOMAIN carries the SOA, names outside the
 * zone are refused, and a malformed packet is answered FORMERR without stopping the server.
 */
class DnsIT {

    private static TestCluster cluster;
    private static Kubectl kubectl;
    private static int dnsPort;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        // A routable address to list, as a replica in a pod would have (the local cluster's own is loopback).
        cluster = new TestCluster(home -> { }, Map.of("dns-service", List.of("--kubeplane.dns.advertise-address=10.1.0.53")),
                TestCluster.WITHOUT_NODES);
        kubectl = cluster.kubectl();
        Matcher port = Pattern.compile("\"port\":(\\d+)").matcher(http("/dns/v1/state"));
        assertThat(port.find()).isTrue();
        dnsPort = Integer.parseInt(port.group(1));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions();
    }

    private static Message query(String name, int type, boolean tcp) throws IOException {
        SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
        resolver.setPort(dnsPort);
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(2));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    private static List<String> data(Message response) {
        return response.getSection(Section.ANSWER).stream().map(Record::rdataToString).sorted().toList();
    }

    @Test
    void aNewServiceIsAnswerableOverUdpAndTcpAuthoritatively() throws Exception {
        kubectl.run("create", "namespace", "dns");
        String ip = kubectl.run("-n", "dns", "create", "service", "clusterip", "web", "--tcp=80:8080", "-o",
                "jsonpath={.spec.clusterIP}");
        eventually().untilAsserted(() -> assertThat(data(query("web.dns.svc.cluster.local.", Type.A, false))).containsExactly(ip));
        Message overTcp = query("web.dns.svc.cluster.local.", Type.A, true);
        assertThat(data(overTcp)).containsExactly(ip);
        assertThat(overTcp.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(data(query("_80-8080._tcp.web.dns.svc.cluster.local.", Type.SRV, false)))
                .containsExactly("0 100 80 web.dns.svc.cluster.local.");
        String[] octets = ip.split("\\.");
        assertThat(data(query(octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0] + ".in-addr.arpa.", Type.PTR, false)))
                .containsExactly("web.dns.svc.cluster.local.");
        assertThat(http("/dns/v1/explain?name=web.dns.svc.cluster.local&type=A")).contains("Service dns/web");
    }

    /** Runs the real {@code dig} against dns-service; its whole output. */
    private static String dig(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("dig", "@127.0.0.1", "-p", Integer.toString(dnsPort),
                "+time=2", "+tries=1"));
        command.addAll(Arrays.asList(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("dig finished").isTrue();
        return output;
    }

    @Test
    void digSeesWhatAClusterDnsAnswers() throws Exception {
        kubectl.run("create", "namespace", "digging");
        String ip = kubectl.run("-n", "digging", "create", "service", "clusterip", "api", "--tcp=443:8443", "-o",
                "jsonpath={.spec.clusterIP}");
        eventually().untilAsserted(() -> assertThat(dig("+short", "api.digging.svc.cluster.local", "A").strip()).isEqualTo(ip));

        String full = dig("api.digging.svc.cluster.local", "A");
        assertThat(full).contains("status: NOERROR").containsPattern("flags: qr aa rd;")
                .containsPattern("api\\.digging\\.svc\\.cluster\\.local\\.\\s+\\d+\\s+IN\\s+A\\s+" + Pattern.quote(ip));
        assertThat(dig("+tcp", "+short", "_443-8443._tcp.api.digging.svc.cluster.local", "SRV").strip())
                .isEqualTo("0 100 443 api.digging.svc.cluster.local.");
        assertThat(dig("+short", "-x", ip).strip()).isEqualTo("api.digging.svc.cluster.local.");
        assertThat(dig("missing.digging.svc.cluster.local", "A")).contains("status: NXDOMAIN")
                .containsPattern("cluster\\.local\\.\\s+\\d+\\s+IN\\s+SOA");
        // Not an open resolver: names outside the cluster's zones are refused.
        assertThat(dig("example.com", "A")).contains("status: REFUSED");
    }

    @Test
    void theClusterDnsIsAServiceOfTheClusterWithItsReplicasAsEndpoints() throws Exception {
        eventually().untilAsserted(() -> assertThat(kubectl.run("-n", "kube-system", "get", "service", "kube-dns", "-o",
                "jsonpath={.spec.clusterIP} {.spec.ports[*].name} {.spec.ports[*].protocol} {.metadata.labels.k8s-app}"))
                .isEqualTo("10.96.0.10 dns dns-tcp UDP TCP kube-dns"));
        eventually().untilAsserted(() -> assertThat(kubectl.run("-n", "kube-system", "get", "endpoints", "kube-dns", "-o",
                "jsonpath={.subsets[0].addresses[*].ip} {.subsets[0].ports[*].port}"))
                .isEqualTo("10.1.0.53 " + dnsPort + " " + dnsPort));
        assertThat(kubectl.run("-n", "kube-system", "get", "lease", "kube-dns-local", "-o", "jsonpath={.spec.holderIdentity}"))
                .isEqualTo("local");
        eventually().untilAsserted(() -> assertThat(data(query("kube-dns.kube-system.svc.cluster.local.", Type.A, false)))
                .containsExactly("10.96.0.10"));
        assertThat(dig("+short", "_dns._udp.kube-dns.kube-system.svc.cluster.local", "SRV").strip())
                .isEqualTo("0 100 53 kube-dns.kube-system.svc.cluster.local.");
    }

    @Test
    void missingNamesAreNxdomainWithTheSoaAndOtherZonesAreRefused() throws Exception {
        Message missing = query("nope.default.svc.cluster.local.", Type.A, false);
        assertThat(missing.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(missing.getSection(Section.AUTHORITY)).singleElement().satisfies(r -> assertThat(r.getType()).isEqualTo(Type.SOA));
        assertThat(http("/dns/v1/explain?name=nope.default.svc.cluster.local")).contains("no Service nope in namespace default");
        Message nodata = query("kubernetes.default.svc.cluster.local.", Type.AAAA, false);
        eventually().untilAsserted(() -> assertThat(query("kubernetes.default.svc.cluster.local.", Type.AAAA, false).getRcode())
                .isEqualTo(Rcode.NOERROR));
        assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
        assertThat(query("example.com.", Type.A, false).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(query("dns-version.cluster.local.", Type.TXT, false).getSection(Section.ANSWER)).singleElement()
                .satisfies(r -> assertThat(((org.xbill.DNS.TXTRecord) r).getStrings()).containsExactly("1.1.0"));
        assertThat(data(query("10-244-3-7.any.pod.cluster.local.", Type.A, true))).containsExactly("10.244.3.7");
    }

    @Test
    void aHeadlessServiceAnswersWithItsReadyEndpoints() throws Exception {
        kubectl.run("create", "namespace", "headless");
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: db, namespace: headless}
                spec:
                  clusterIP: None
                  selector: {app: db}
                  ports: [{name: pg, port: 5432}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: db-0, namespace: headless, labels: {app: db}}
                spec:
                  hostname: db-0
                  subdomain: db
                  containers: [{name: pg, image: postgres}]
                """, "apply", "-f", "-");
        kubectl.run("-n", "headless", "patch", "pod", "db-0", "--subresource=status", "--type=merge", "-p",
                "{\"status\":{\"phase\":\"Running\",\"podIP\":\"10.244.9.5\",\"podIPs\":[{\"ip\":\"10.244.9.5\"}],"
                + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
        eventually().untilAsserted(() -> assertThat(data(query("db.headless.svc.cluster.local.", Type.A, false)))
                .containsExactly("10.244.9.5"));
        assertThat(data(query("db-0.db.headless.svc.cluster.local.", Type.A, false))).containsExactly("10.244.9.5");
        Message srv = query("_pg._tcp.db.headless.svc.cluster.local.", Type.SRV, false);
        assertThat(data(srv)).containsExactly("0 100 5432 db-0.db.headless.svc.cluster.local.");
        assertThat(srv.getSection(Section.ADDITIONAL)).anySatisfy(r -> assertThat(r.rdataToString()).isEqualTo("10.244.9.5"));
        assertThat(http("/dns/v1/explain?name=db.headless.svc.cluster.local")).contains("EndpointSlice headless/db-");
    }

    @Test
    void aMalformedPacketGetsFormerrAndTheServerKeepsAnswering() throws Exception {
        byte[] garbage = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 'b', 'r', 'o'};
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(2000);
            socket.send(new DatagramPacket(garbage, garbage.length, InetAddress.getLoopbackAddress(), dnsPort));
            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            socket.receive(reply);
            Message response = new Message(Arrays.copyOf(reply.getData(), reply.getLength()));
            assertThat(response.getHeader().getID()).isEqualTo(0x1234);
            assertThat(response.getRcode()).isEqualTo(Rcode.FORMERR);
            // Too short to have a header: no answer at all.
            socket.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, InetAddress.getLoopbackAddress(), dnsPort));
        }
        assertThat(query("dns-version.cluster.local.", Type.TXT, false).getRcode()).isEqualTo(Rcode.NOERROR);
    }

    private static String http(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + cluster.settings().ports().dnsService() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
