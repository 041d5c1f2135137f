package io.kubeplane.proxy.userspace;

import static io.kubeplane.proxy.userspace.LoopbackCluster.get;
import static io.kubeplane.proxy.userspace.LoopbackCluster.nodePort;
import static io.kubeplane.proxy.userspace.LoopbackCluster.podOf;
import static io.kubeplane.proxy.userspace.LoopbackCluster.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kubeplane.proxy.dataplane.DataPlane.SyncResult;
import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.desired.ServicePortName;
import io.kubeplane.proxy.desired.ServicePortRule;
import io.kubeplane.proxy.desired.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The userspace proxy with real sockets on loopback, pods reached through their agents (see
 * {@link LoopbackCluster} for the addresses). Every wait is bounded.
 */
class UserspaceDataPlaneTest {

    private static final InetSocketAddress NO_ADDRESS = new InetSocketAddress("127.0.0.1", 0);

    private LoopbackCluster cluster;
    private SimpleMeterRegistry registry;
    private UserspaceDataPlane plane;
    private int nodePort;
    private InetSocketAddress service;

    @BeforeEach
    void startCluster() throws IOException {
        cluster = new LoopbackCluster();
        registry = new SimpleMeterRegistry();
        nodePort = LoopbackCluster.freePort();
        service = new InetSocketAddress("127.0.0.1", nodePort);
    }

    @AfterEach
    void stop() {
        if (plane != null) {
            plane.close();
        }
        cluster.close();
    }

    private UserspaceDataPlane plane(Balancing balancing, Duration drain) {
        plane = new UserspaceDataPlane(cluster.transport, cluster.agents, registry,
                UserspaceDataPlane.Settings.defaults().withBalancing(balancing).withDrainPeriod(drain));
        return plane;
    }

    private Map<String, Integer> answers(String clientIp, int requests) throws IOException {
        Map<String, Integer> byPod = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            byPod.merge(podOf(get(clientIp, service, "/")), 1, Integer::sum);
        }
        return byPod;
    }

    @Test
    void randomBalancingReachesEveryPodOnBothNodes() throws Exception {
        plane(Balancing.RANDOM, Duration.ofSeconds(10)).sync(state(nodePort("web", "TCP", nodePort,
                cluster.endpoints(8080), 0)));

        // 60 picks miss one of 3 pods with probability 3 * (2/3)^60, about 1e-10.
        assertThat(answers("127.0.0.5", 60)).containsOnlyKeys("web-0", "web-1", "web-2");
        assertThat(registry.get("kubeplane.proxy.userspace.connections").tag("service_port", "default/web")
                .counter().count()).isEqualTo(60);
    }

    @Test
    void roundRobinTakesEachPodInTurn() throws Exception {
        plane(Balancing.ROUND_ROBIN, Duration.ofSeconds(10)).sync(state(nodePort("web", "TCP", nodePort,
                cluster.endpoints(8080), 0)));

        assertThat(answers("127.0.0.5", 9)).isEqualTo(Map.of("web-0", 3, "web-1", 3, "web-2", 3));
    }

    @Test
    void clientIpAffinityKeepsEachClientOnOnePod() throws Exception {
        plane(Balancing.ROUND_ROBIN, Duration.ofSeconds(10)).sync(state(nodePort("web", "TCP", nodePort,
                cluster.endpoints(8080), 60)));

        Map<String, Integer> first = answers("127.0.0.5", 10);
        Map<String, Integer> second = answers("127.0.0.6", 10);

        assertThat(first).hasSize(1);
        assertThat(second).hasSize(1);
        // Round-robin would give the second client the next pod: affinity was not just luck.
        assertThat(second.keySet()).doesNotContainAnyElementsOf(first.keySet());
    }

    @Test
    void leastConnectionsPrefersThePodWithFewestOpenConnections() throws Exception {
        plane(Balancing.LEAST_CONNECTIONS, Duration.ofSeconds(10)).sync(state(nodePort("web", "TCP", nodePort,
                cluster.endpoints(8080), 0)));
        List<LoopbackCluster.KeepAlive> open = new ArrayList<>();
        try {
            Map<String, LoopbackCluster.KeepAlive> byPod = new HashMap<>();
            for (int i = 0; i < 3; i++) {
                LoopbackCluster.KeepAlive c = new LoopbackCluster.KeepAlive("127.0.0.5", service);
                open.add(c);
                byPod.put(podOf(c.get()), c);
            }
            assertThat(byPod).containsOnlyKeys("web-0", "web-1", "web-2");
            LoopbackCluster.KeepAlive second = new LoopbackCluster.KeepAlive("127.0.0.5", service);
            open.add(second);
            String doubled = podOf(second.get());

            byPod.get("web-1").close();
            await().atMost(Duration.ofSeconds(5)).until(() -> active("default/web", "10.244.1.11:8080") == 0);

            // web-1 now has none, the others one or two: every new connection goes to web-1 while it stays lowest.
            LoopbackCluster.KeepAlive next = new LoopbackCluster.KeepAlive("127.0.0.5", service);
            open.add(next);
            assertThat(podOf(next.get())).isEqualTo("web-1");
            assertThat(active("default/web", endpointOf(doubled))).isEqualTo(2);
        } finally {
            for (LoopbackCluster.KeepAlive c : open) {
                c.close();
            }
        }
    }

    private static String endpointOf(String pod) {
        return Map.of("web-0", "10.244.1.10:8080", "web-1", "10.244.1.11:8080", "web-2", "10.244.2.10:8080").get(pod);
    }

    private int active(String servicePort, String endpoint) {
        return plane.view().stream().filter(v -> v.servicePort().equals(servicePort))
                .flatMap(v -> v.endpoints().stream()).filter(e -> e.address().equals(endpoint))
                .mapToInt(UserspaceView.EndpointConnections::active).sum();
    }

    @Test
    void rejectResetsTheConnectionAtOnce() throws Exception {
        plane(Balancing.RANDOM, Duration.ofSeconds(10)).sync(state(nodePort("web", "TCP", nodePort, List.of(), 0)));

        try (Socket s = new Socket()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> {
                // The reset may come before connect returns, or at the first read.
                s.connect(service, 2000);
                s.setSoTimeout(2000); // a hang fails the test instead of passing it
                s.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getInputStream().read();
            }).isInstanceOf(SocketException.class).hasMessageContaining("reset");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
        assertThat(registry.get("kubeplane.proxy.userspace.rejects").tag("reason", "REJECT").counter().count())
                .isEqualTo(1);
    }

    @Test
    void dropClosesWithoutAnswer() throws Exception {
        ServicePortRule rule = nodePort("web", "TCP", nodePort, cluster.endpoints(8080), 0);
        plane(Balancing.RANDOM, Duration.ofSeconds(10)).sync(state(new ServicePortRule(rule.name(), rule.type(),
                "TCP", rule.clusterIPs(), 80, nodePort, List.of(), List.of(), false, true, 0, 0,
                rule.clusterEndpoints(), List.of(), Verdict.FORWARD, Verdict.DROP)));

        try (Socket s = new Socket()) {
            s.connect(service, 2000);
            s.setSoTimeout(2000);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void aRemovedEndpointGetsNoNewConnectionsAndItsOldOnesCloseAfterTheDrain() throws Exception {
        Duration drain = Duration.ofSeconds(1);
        plane(Balancing.ROUND_ROBIN, drain).sync(state(nodePort("web", "TCP", nodePort, cluster.endpoints(8080), 0)));
        try (LoopbackCluster.KeepAlive old = new LoopbackCluster.KeepAlive("127.0.0.5", service)) {
            String gone = podOf(old.get());
            List<String> staying = new ArrayList<>(List.of("web-0", "web-1", "web-2"));
            staying.remove(gone);

            long removedAt = System.nanoTime();
            plane.sync(state(nodePort("web", "TCP", nodePort, cluster.endpoints(8080, staying.toArray(String[]::new)), 0)));

            assertThat(answers("127.0.0.6", 10)).containsOnlyKeys(staying);
            assertThat(podOf(old.get())).as("still served during the drain").isEqualTo(gone);
            await().atMost(Duration.ofSeconds(5)).until(() -> closedByPeer(old.socket));
            assertThat(Duration.ofNanos(System.nanoTime() - removedAt)).isGreaterThanOrEqualTo(drain);
        }
    }

    private static boolean closedByPeer(Socket socket) {
        try {
            socket.setSoTimeout(100);
            return socket.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void udpDatagramsAreEchoedThroughANodePort() throws Exception {
        plane(Balancing.ROUND_ROBIN, Duration.ofSeconds(10)).sync(state(nodePort("dns", "UDP", nodePort,
                cluster.endpoints(5353), 0)));

        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.5", 0))) {
            client.setSoTimeout(3000);
            for (int i = 0; i < 5; i++) {
                byte[] question = ("query " + i).getBytes(StandardCharsets.US_ASCII);
                client.send(new DatagramPacket(question, question.length, service));
                DatagramPacket answer = new DatagramPacket(new byte[512], 512);
                client.receive(answer);
                assertThat(new String(answer.getData(), 0, answer.getLength(), StandardCharsets.US_ASCII))
                        .isEqualTo("query " + i);
                assertThat(answer.getSocketAddress()).as("replies come from the NodePort").isEqualTo(service);
            }
        }
        // One client address, one session, one endpoint.
        assertThat(registry.get("kubeplane.proxy.userspace.connections").tag("service_port", "default/dns")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void clusterIpTrafficUsesClusterEndpointsAndLoadBalancerTrafficExternalOnes() throws Exception {
        int port = LoopbackCluster.freePort();
        ServicePortRule rule = new ServicePortRule(new ServicePortName("default", "split", "", "TCP"), "LoadBalancer",
                "TCP", List.of("10.96.0.60", "127.0.100.60"), port, 0, List.of(), List.of("127.0.100.61"), false, true,
                0, 0, cluster.endpoints(8080, "web-2"), cluster.endpoints(8080, "web-0"), Verdict.FORWARD,
                Verdict.FORWARD);
        SyncResult result = plane(Balancing.RANDOM, Duration.ofSeconds(10)).sync(state(rule));

        assertThat(podOf(get("127.0.0.5", new InetSocketAddress("127.0.100.60", port), "/"))).isEqualTo("web-2");
        assertThat(podOf(get("127.0.0.5", new InetSocketAddress("127.0.100.61", port), "/"))).isEqualTo("web-0");
        UserspaceView view = plane.view().getFirst();
        assertThat(view.listening()).extracting(UserspaceView.Listening::address)
                .containsExactlyInAnyOrder("127.0.100.60:" + port, "127.0.100.61:" + port);
        assertThat(view.skipped()).singleElement().satisfies(s -> {
            assertThat(s.address()).isEqualTo("10.96.0.60:" + port);
            assertThat(s.kind()).isEqualTo("ClusterIP");
            assertThat(s.reason()).isNotBlank();
        });
        assertThat(result.full()).isTrue();
        assertThat(result.changed()).isEqualTo(1);
    }

    @Test
    void aSyncWithTheSameStateOpensNothingNew() throws Exception {
        ProxyState state = state(nodePort("web", "TCP", nodePort, cluster.endpoints(8080), 0),
                nodePort("dns", "UDP", nodePort, cluster.endpoints(5353), 0));
        plane(Balancing.RANDOM, Duration.ofSeconds(10)).sync(state);
        List<UserspaceView> before = plane.view();

        SyncResult again = plane.sync(state);

        assertThat(again.full()).isFalse();
        assertThat(again.changed()).isZero();
        assertThat(again.summary()).contains("(+0 -0)");
        assertThat(plane.view()).isEqualTo(before);
    }

    @Test
    void closeFreesEveryPort() throws Exception {
        int lbPort = LoopbackCluster.freePort();
        ServicePortRule lb = new ServicePortRule(new ServicePortName("default", "lb", "", "TCP"), "LoadBalancer", "TCP",
                List.of("10.96.0.70"), lbPort, 0, List.of("127.0.100.71"), List.of("127.0.100.70"), false, false, 0, 0,
                cluster.endpoints(8080), cluster.endpoints(8080), Verdict.FORWARD, Verdict.FORWARD);
        plane(Balancing.RANDOM, Duration.ofSeconds(10)).sync(state(nodePort("web", "TCP", nodePort,
                cluster.endpoints(8080), 0), nodePort("dns", "UDP", nodePort, cluster.endpoints(5353), 0), lb));
        Set<String> listening = new HashSet<>();
        plane.view().forEach(v -> v.listening().forEach(l -> listening.add(v.protocol() + " " + l.address())));
        assertThat(listening).containsExactlyInAnyOrder("TCP 127.0.0.1:" + nodePort, "UDP 127.0.0.1:" + nodePort,
                "TCP 127.0.100.70:" + lbPort, "TCP 127.0.100.71:" + lbPort);
        try (LoopbackCluster.KeepAlive open = new LoopbackCluster.KeepAlive("127.0.0.5", service)) {
            open.get();

            plane.close();

            assertThat(plane.view()).isEmpty();
            // With the NIO transport the JDK releases a closed socket that is registered with a selector
            // only when the event loop next selects, a moment after the close future completes.
            await().atMost(Duration.ofSeconds(2)).ignoreExceptionsInstanceOf(java.net.BindException.class)
                    .untilAsserted(() -> {
                        try (ServerSocket a = new ServerSocket(nodePort, 1, java.net.InetAddress.getByName("127.0.0.1"));
                             DatagramSocket b = new DatagramSocket(service);
                             ServerSocket c = new ServerSocket(lbPort, 1, java.net.InetAddress.getByName("127.0.100.70"));
                             ServerSocket d = new ServerSocket(lbPort, 1, java.net.InetAddress.getByName("127.0.100.71"))) {
                            assertThat(a.isBound() && b.isBound() && c.isBound() && d.isBound()).isTrue();
                        }
                    });
            await().atMost(Duration.ofSeconds(5)).until(() -> closedByPeer(open.socket));
        }
        assertThatThrownBy(() -> plane.sync(state())).isInstanceOf(
                io.kubeplane.proxy.dataplane.DataPlane.SyncException.class);
    }
}
