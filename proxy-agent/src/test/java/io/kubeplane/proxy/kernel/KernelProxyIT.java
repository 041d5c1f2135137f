package io.kubeplane.proxy.kernel;

import static io.kubeplane.proxy.kernel.ClusterObjects.clientIPAffinity;
import static io.kubeplane.proxy.kernel.ClusterObjects.clusterIP;
import static io.kubeplane.proxy.kernel.ClusterObjects.nodePort;
import static io.kubeplane.proxy.kernel.ClusterObjects.slice;
import static io.kubeplane.proxy.kernel.ClusterObjects.state;
import static io.kubeplane.proxy.kernel.NetnsTopology.HTTP_PORT;
import static io.kubeplane.proxy.kernel.NetnsTopology.NODE1_IP;
import static io.kubeplane.proxy.kernel.NetnsTopology.POD1_IP;
import static io.kubeplane.proxy.kernel.NetnsTopology.POD2_IP;
import static io.kubeplane.proxy.kernel.NetnsTopology.POD3_IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubeplane.proxy.dataplane.DataPlane.SyncException;
import io.kubeplane.proxy.dataplane.DataPlane.SyncResult;
import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.kernel.ClusterObjects.Pod;
import io.kubeplane.proxy.kernel.CommandRunner.CommandException;
import io.kubeplane.proxy.rules.IpFamily;
import io.kubeplane.proxy.rules.IptablesRules;
import io.kubeplane.proxy.rules.NftablesRules;
import io.kubeplane.proxy.rules.RuleOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kernel data planes carry real packets between network namespaces ({@link NetnsTopology}):
 * pods 10.250.1.0/24 on node 1 and 10.250.2.0/24 on node 2, nodes and one outside machine on
 * 192.168.250.0/24, ClusterIPs 10.96.0.0/16, NodePorts 30080-30099.
 *
 * <p>Needs root and {@code ip netns}, {@code nft}, {@code iptables-restore} and {@code curl}; without
 * them it fails, never skips, so CI cannot pass without having run it.
 */
class KernelProxyIT {

    private static NetnsTopology topology;

    @BeforeAll
    static void buildTopology() throws Exception {
        requirePrerequisites();
        topology = NetnsTopology.create();
    }

    @AfterAll
    static void removeTopology() throws Exception {
        if (topology != null) {
            topology.close();
            assertThat(topology.existing()).as("namespaces left after the test").isEmpty();
        }
    }

    /** Fails with what is missing: these tests exist to prove the rules on a real kernel. */
    private static void requirePrerequisites() {
        String uid = "?";
        try {
            uid = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                    .map(l -> l.split("\\s+")[1]).findFirst().orElse("?");
        } catch (java.io.IOException e) {
            // reported below
        }
        if (!"0".equals(uid)) {
            throw new AssertionError("KernelProxyIT needs root (uid 0) to create network namespaces; running as uid "
                                     + uid + ". Run it as root, as CI does.");
        }
        for (List<String> probe : List.of(List.of("ip", "netns", "list"), List.of("nft", "--version"),
                List.of("iptables-restore", "--version"), List.of("curl", "--version"))) {
            try {
                CommandRunner.local().run(probe);
            } catch (CommandException e) {
                throw new AssertionError("KernelProxyIT needs " + probe.getFirst() + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void podsAnswerAcrossNodesWithoutAnyServiceRules() throws Exception {
        for (String ip : List.of(POD1_IP, POD2_IP, POD3_IP)) {
            assertThat(get("client", "http://" + ip + ":" + HTTP_PORT + "/")).startsWith(topology.ns("pod"));
        }
    }

    /**
     * A data plane programming node 1, and how someone else (an admin, another tool) wipes its
     * service rules behind its back.
     */
    record Mode(String name, BiFunction<CommandRunner, Clock, RuleTextDataPlane> create, List<String> wipe) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Named<Mode>> modes() {
        return Stream.of(
                Named.of("nftables", new Mode("nftables", (runner, clock) -> new NftablesDataPlane(
                        new NftablesRules(OPTIONS), runner, clock, SyncSchedule.DEFAULT_PERIOD),
                        List.of("nft", "delete", "table", "ip", "kube-proxy"))),
                Named.of("iptables", new Mode("iptables", (runner, clock) -> new IptablesDataPlane(
                        new IptablesRules(IpFamily.V4, OPTIONS), runner, clock, SyncSchedule.DEFAULT_PERIOD,
                        IptablesRules.JUMPS), List.of("iptables", "-t", "nat", "-F", "KUBE-SERVICES"))));
    }

    /** This topology's ranges: pods in 10.250.0.0/16, ClusterIPs in 10.96.0.0/16. */
    private static final RuleOptions OPTIONS = new RuleOptions(List.of("10.250.0.0/16"), List.of("10.96.0.0/16"),
            false, 14);

    private static final String WEB_VIP = "10.96.0.50";
    private static final String NODEPORT_VIP = "10.96.0.51";
    private static final String STICKY_VIP = "10.96.0.52";
    private static final String EMPTY_VIP = "10.96.0.53";
    private static final int NODE_PORT = 30080;
    private static final List<Pod> PODS = List.of(new Pod(POD1_IP, "node1"), new Pod(POD2_IP, "node1"),
            new Pod(POD3_IP, "node2"));

    /** Four services: web, web-np (NodePort), sticky (ClientIP affinity), each on all three pods; empty has none. */
    private static ProxyState cluster(List<Pod> webPods) {
        List<Service> services = List.of(clusterIP("web", WEB_VIP, 80), nodePort("web-np", NODEPORT_VIP, 80, NODE_PORT),
                clientIPAffinity("sticky", STICKY_VIP, 80), clusterIP("empty", EMPTY_VIP, 80));
        List<EndpointSlice> slices = List.of(slice("web", HTTP_PORT, webPods), slice("web-np", HTTP_PORT, PODS),
                slice("sticky", HTTP_PORT, PODS));
        return state("node1", NODE1_IP, services, slices);
    }

    private RuleTextDataPlane plane;
    private final TestClock clock = new TestClock();

    private RuleTextDataPlane sync(Mode mode, ProxyState state) throws Exception {
        if (plane == null) {
            plane = mode.create().apply(new CommandRunner(topology.node1(), Duration.ofSeconds(30)), clock);
        }
        SyncResult result = plane.sync(state);
        System.out.println("[" + mode + "] " + result.summary());
        return plane;
    }

    @AfterEach
    void closeDataPlaneAndCheckNothingIsLeft() throws Exception {
        if (plane != null) {
            plane.close();
            plane = null;
            assertNoKubeProxyRules();
        }
    }

    private static void assertNoKubeProxyRules() throws CommandException {
        assertThat(topology.exec("node1", "nft", "list", "ruleset").stdout()).doesNotContain("kube-proxy", "KUBE-");
        assertThat(topology.exec("node1", "iptables-save").stdout()).doesNotContain("KUBE-");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void clusterIPReachesEveryPodFromAPodOnTheNode(Mode mode) throws Exception {
        sync(mode, cluster(PODS));

        assertThat(answers("client", "http://" + WEB_VIP + "/", 30)).isEqualTo(pods("pod1", "pod2", "pod3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void aPodReachesItselfThroughItsService(Mode mode) throws Exception {
        sync(mode, cluster(PODS));

        // pod1's own answer comes back only if node 1 masqueraded the hairpin: else pod1 would reply to itself directly
        assertThat(answers("pod1", "http://" + WEB_VIP + "/", 30)).isEqualTo(pods("pod1", "pod2", "pod3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void nodePortReachesEveryPodFromOutsideTheCluster(Mode mode) throws Exception {
        sync(mode, cluster(PODS));

        // kp-pod3 on node 2 answers only if node 1 masqueraded: it would answer kp-outside directly
        assertThat(answers("outside", "http://" + NODE1_IP + ":" + NODE_PORT + "/", 30)).isEqualTo(pods("pod1", "pod2", "pod3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void clientIPAffinityKeepsAClientOnOnePod(Mode mode) throws Exception {
        sync(mode, cluster(PODS));

        assertThat(answers("client", "http://" + STICKY_VIP + "/", 10)).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void podRemovedFromTheSliceStopsAnsweringAfterAPartialSync(Mode mode) throws Exception {
        sync(mode, cluster(PODS));
        assertThat(answers("client", "http://" + WEB_VIP + "/", 30)).isEqualTo(pods("pod1", "pod2", "pod3"));

        SyncResult partial = plane.sync(cluster(PODS.subList(0, 2)));
        System.out.println("[" + mode + "] " + partial.summary());

        assertThat(partial.full()).isFalse();
        assertThat(partial.changed()).isEqualTo(1);
        assertThat(answers("client", "http://" + WEB_VIP + "/", 30)).isEqualTo(pods("pod1", "pod2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void periodicFullSyncRepairsRulesSomeoneWiped(Mode mode) throws Exception {
        sync(mode, cluster(PODS));
        topology.exec("node1", mode.wipe().toArray(String[]::new));
        assertThat(curlExit("client", "http://" + WEB_VIP + "/")).as("the service without its rules").isNotZero();

        clock.advance(SyncSchedule.DEFAULT_PERIOD);
        SyncResult resync = plane.sync(cluster(PODS));

        assertThat(resync.full()).isTrue();
        assertThat(answers("client", "http://" + WEB_VIP + "/", 30)).isEqualTo(pods("pod1", "pod2", "pod3"));
    }

    @Test
    void failedPartialSyncIsFollowedByAFullOneThatRepairs() throws Exception {
        Mode nftables = modes().findFirst().orElseThrow().getPayload();
        sync(nftables, cluster(PODS));
        // Without its table, the next change text has nothing to change: nft fails.
        topology.exec("node1", nftables.wipe().toArray(String[]::new));

        assertThatThrownBy(() -> plane.sync(cluster(PODS.subList(0, 2)))).isInstanceOf(SyncException.class)
                .hasMessageContaining("partial sync failed, the next is full");
        SyncResult retry = plane.sync(cluster(PODS.subList(0, 2)));

        assertThat(retry.full()).isTrue();
        assertThat(answers("client", "http://" + WEB_VIP + "/", 30)).isEqualTo(pods("pod1", "pod2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void serviceWithoutEndpointsIsRefusedAtOnce(Mode mode) throws Exception {
        sync(mode, cluster(PODS));

        long start = System.nanoTime();
        int exit = curlExit("client", "http://" + EMPTY_VIP + "/");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(exit).as("curl's exit code: 7 is connection refused, 28 a timeout").isEqualTo(7);
        assertThat(took).isLessThan(Duration.ofMillis(1500));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void closeRemovesEveryRuleAndTheServiceIsGone(Mode mode) throws Exception {
        sync(mode, cluster(PODS));
        plane.close();
        plane.close(); // idempotent

        assertNoKubeProxyRules();
        assertThat(curlExit("client", "http://" + WEB_VIP + "/")).isNotZero();
    }

    /** The names the given pods answer with. */
    private static Set<String> pods(String... roles) {
        return Stream.of(roles).map(topology::ns).collect(java.util.stream.Collectors.toSet());
    }

    private static String get(String role, String url) throws CommandException {
        return topology.exec(role, "curl", "-s", "--max-time", "2", url).stdout().strip();
    }

    /** The distinct answers of {@code count} requests, one connection each. */
    private static Set<String> answers(String role, String url, int count) throws CommandException {
        Set<String> answers = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            answers.add(get(role, url));
        }
        return answers;
    }

    private static int curlExit(String role, String url) {
        try {
            topology.exec(role, "curl", "-s", "--max-time", "1", url);
            return 0;
        } catch (CommandException e) {
            return e.exitCode();
        }
    }
}
