package io.kubeplane.proxy.kernel;

import io.kubeplane.proxy.rules.RuleTexts;
import static io.kubeplane.proxy.kernel.ClusterObjects.clusterIP;
import static io.kubeplane.proxy.kernel.ClusterObjects.slice;
import static io.kubeplane.proxy.kernel.ClusterObjects.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubeplane.proxy.dataplane.DataPlane.SyncException;
import io.kubeplane.proxy.dataplane.DataPlane.SyncResult;
import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.kernel.ClusterObjects.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync algorithm the kernel data planes share, through the dry-run and ipvs modes (which
 * apply nothing here). ClusterIPs 10.96.0.0/16, pods 10.250.0.0/16, node 192.168.250.1.
 */
class RuleTextDataPlaneTest {

    /** Renders one line per service port; changes list the names of the ports that changed. */
    private static final class FakeTexts implements RuleTexts {
        boolean failing;

        @Override
        public String full(ProxyState state) {
            fail();
            return "full " + state.ports().keySet().stream().map(Object::toString).collect(Collectors.joining(" "));
        }

        @Override
        public String changes(ProxyState previous, ProxyState current) {
            fail();
            return current.ports().entrySet().stream().filter(e -> !e.getValue().equals(previous.ports().get(e.getKey())))
                    .map(e -> "change " + e.getKey()).collect(Collectors.joining("\n"));
        }

        @Override
        public String cleanup() {
            return "cleanup";
        }

        private void fail() {
            if (failing) {
                throw new IllegalStateException("renderer broke");
            }
        }
    }

    private final TestClock clock = new TestClock();
    private final FakeTexts texts = new FakeTexts();
    private final DryRunDataPlane plane = new DryRunDataPlane(texts, clock, Duration.ofHours(1));

    private static ProxyState web(String... podIps) {
        return state("node1", "192.168.250.1", List.of(clusterIP("web", "10.96.0.50", 80), clusterIP("db", "10.96.0.51", 5432)),
                List.of(slice("web", 8080, java.util.Arrays.stream(podIps).map(ip -> new Pod(ip, "node1")).toList())));
    }

    @Test
    void firstSyncIsFullThenOnlyChangesAreApplied() throws Exception {
        SyncResult first = plane.sync(web("10.250.1.10", "10.250.1.11"));
        SyncResult second = plane.sync(web("10.250.1.10"));

        assertThat(first.full()).isTrue();
        assertThat(first.changed()).isEqualTo(2);
        assertThat(first.summary()).startsWith("dry-run: full sync, 2 service ports, ");
        assertThat(second.full()).isFalse();
        assertThat(second.changed()).isEqualTo(1);
        assertThat(plane.lastApplied().text()).isEqualTo("change default/web:http");
        assertThat(plane.currentRules()).isEqualTo("full default/db:http default/web:http");
    }

    @Test
    void unchangedStateAppliesNothing() throws Exception {
        plane.sync(web("10.250.1.10"));
        SyncResult again = plane.sync(web("10.250.1.10"));

        assertThat(again).isEqualTo(new SyncResult(false, 0, "dry-run: nothing changed"));
        assertThat(plane.lastApplied().full()).isTrue();
    }

    @Test
    void fullSyncAgainOnceThePeriodHasPassed() throws Exception {
        plane.sync(web("10.250.1.10"));
        clock.advance(Duration.ofMinutes(30));
        assertThat(plane.sync(web("10.250.1.11")).full()).isFalse();
        clock.advance(Duration.ofMinutes(30));

        assertThat(plane.sync(web("10.250.1.12")).full()).isTrue();
        assertThat(plane.lastApplied().at()).isEqualTo(clock.instant());
    }

    @Test
    void syncAfterAFailedOneIsFull() throws Exception {
        plane.sync(web("10.250.1.10"));
        texts.failing = true;
        assertThatThrownBy(() -> plane.sync(web("10.250.1.11")))
                .isInstanceOf(SyncException.class).hasMessage("dry-run: cannot render the rules: renderer broke");
        texts.failing = false;

        assertThat(plane.sync(web("10.250.1.11")).full()).isTrue();
    }

    @Test
    void closeForgetsTheStateSoTheNextSyncIsFull() throws Exception {
        plane.sync(web("10.250.1.10"));
        plane.close();
        plane.close();

        assertThat(plane.syncedState()).isNull();
        assertThat(plane.currentRules()).isNull();
        assertThat(plane.sync(web("10.250.1.10")).full()).isTrue();
    }

    @Test
    void ipvsWithoutKernelSupportRendersAndSaysSo(@TempDir Path root) {
        IpvsDataPlane ipvs = new IpvsDataPlane(texts, CommandRunner.local(), clock, Duration.ofHours(1), root);

        assertThat(ipvs.kernelHasIpvs()).isFalse();
        assertThatThrownBy(() -> ipvs.sync(web("10.250.1.10"))).isInstanceOf(SyncException.class)
                .hasMessageStartingWith("ipvs: the kernel has no ip_vs; rules are rendered only (see /rules?format=ipvs)");
        assertThat(ipvs.lastApplied().text()).isEqualTo("full default/db:http default/web:http");
        ipvs.close(); // nothing to remove, and no ipvsadm needed for that
    }

    @Test
    void ipvsSupportIsFoundInProcOrSys(@TempDir Path root) throws Exception {
        assertThat(IpvsDataPlane.kernelHasIpvs(root)).isFalse();
        Files.createDirectories(root.resolve("sys/module/ip_vs"));
        assertThat(IpvsDataPlane.kernelHasIpvs(root)).isTrue();
        Files.delete(root.resolve("sys/module/ip_vs"));
        Files.createDirectories(root.resolve("proc/net"));
        Files.writeString(root.resolve("proc/net/ip_vs"), "IP Virtual Server version 1.2.1 (size=4096)\n");
        assertThat(IpvsDataPlane.kernelHasIpvs(root)).isTrue();
    }

    @Test
    void changedPortsCountsAddedRemovedAndAlteredPorts() {
        ProxyState before = web("10.250.1.10");
        ProxyState after = state("node1", "192.168.250.1",
                List.of(clusterIP("web", "10.96.0.50", 80), clusterIP("cache", "10.96.0.52", 6379)),
                List.of(slice("web", 8080, List.of(new Pod("10.250.1.11", "node1")))));

        assertThat(RuleTextDataPlane.changedPorts(before, after)).isEqualTo(3);
        assertThat(RuleTextDataPlane.changedPorts(before, before)).isZero();
    }
}
