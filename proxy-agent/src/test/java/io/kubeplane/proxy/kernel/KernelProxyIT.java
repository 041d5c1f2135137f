package io.kubeplane.proxy.kernel;

import static io.kubeplane.proxy.kernel.NetnsTopology.HTTP_PORT;
import static io.kubeplane.proxy.kernel.NetnsTopology.POD1_IP;
import static io.kubeplane.proxy.kernel.NetnsTopology.POD2_IP;
import static io.kubeplane.proxy.kernel.NetnsTopology.POD3_IP;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.proxy.kernel.CommandRunner.CommandException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
        topology = NetnsTopology.create("kp");
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
            String answer = topology.exec("client", "curl", "-s", "--max-time", "2",
                    "http://" + ip + ":" + HTTP_PORT + "/").stdout();
            assertThat(answer).startsWith("kp-pod");
        }
    }
}
