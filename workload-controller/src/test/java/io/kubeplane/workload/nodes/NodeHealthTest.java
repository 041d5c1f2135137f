package io.kubeplane.workload.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NodeHealthTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(40);

    private static Node node(Instant created) {
        return new NodeBuilder().withNewMetadata().withName("node-1").withCreationTimestamp(created.toString()).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True")
                .withLastHeartbeatTime(created.toString()).endCondition().endStatus().build();
    }

    private static Lease lease(Instant renewed) {
        return new LeaseBuilder().withNewMetadata().withNamespace("kube-node-lease").withName("node-1").endMetadata()
                .withNewSpec().withHolderIdentity("node-1").withLeaseDurationSeconds(40)
                .withRenewTime(renewed.atZone(java.time.ZoneOffset.UTC)).endSpec().build();
    }

    @Test
    void aRenewedLeaseKeepsTheNodeAliveAndSaysWhenToLookAgain() {
        NodeHealth health = NodeHealth.of(node(NOW.minusSeconds(600)), lease(NOW.minusSeconds(10)), NOW, GRACE);
        assertThat(health.silent()).isFalse();
        assertThat(health.lastHeartbeat()).isEqualTo(NOW.minusSeconds(10));
        assertThat(health.recheckIn()).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(31));
    }

    @Test
    void aNodeUnheardForLongerThanTheGracePeriodIsSilent() {
        assertThat(NodeHealth.of(node(NOW.minusSeconds(600)), lease(NOW.minusSeconds(41)), NOW, GRACE).silent()).isTrue();
        assertThat(NodeHealth.of(node(NOW.minusSeconds(600)), null, NOW, GRACE).silent()).as("no lease at all").isTrue();
    }

    @Test
    void aNewNodeWithoutALeaseGetsTheGracePeriodFromItsCreation() {
        assertThat(NodeHealth.of(node(NOW.minusSeconds(5)), null, NOW, GRACE).silent()).isFalse();
    }
}
