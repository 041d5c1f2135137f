package io.kubeplane.workload.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodPlacerTest {

    private static Node node(String name, boolean ready, Map<String, String> labels) {
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "Unknown").endCondition()
                .endStatus().build();
    }

    private static Pod pod(Map<String, String> nodeSelector) {
        return new PodBuilder().withNewMetadata().withNamespace("default").withName("web-1").endMetadata()
                .withNewSpec().withNodeSelector(nodeSelector).endSpec().build();
    }

    @Test
    void spreadsByPodCountThenName() {
        List<Node> nodes = List.of(node("node-2", true, Map.of()), node("node-1", true, Map.of()));
        assertThat(PodPlacer.place(pod(Map.of()), nodes, n -> 0).node()).isEqualTo("node-1");
        assertThat(PodPlacer.place(pod(Map.of()), nodes, n -> n.equals("node-1") ? 3 : 2).node()).isEqualTo("node-2");
    }

    @Test
    void honoursTheNodeSelector() {
        List<Node> nodes = List.of(node("node-1", true, Map.of()), node("node-2", true, Map.of("disk", "ssd")));
        assertThat(PodPlacer.place(pod(Map.of("disk", "ssd")), nodes, n -> n.equals("node-2") ? 10 : 0).node())
                .isEqualTo("node-2");
    }

    @Test
    void explainsWhyNoNodeFitsAsKubeSchedulerDoes() {
        List<Node> nodes = List.of(node("node-1", false, Map.of()), node("node-2", false, Map.of()),
                node("node-3", true, Map.of()));
        Placement placement = PodPlacer.place(pod(Map.of("disk", "ssd")), nodes, n -> 0);
        assertThat(placement.placed()).isFalse();
        assertThat(placement.message()).isEqualTo(
                "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 node(s) were not ready.");
        assertThat(PodPlacer.place(pod(Map.of()), List.of(), n -> 0).message())
                .isEqualTo("0/0 nodes are available: no nodes available to schedule pods");
    }

    @Test
    void untoleratedNoScheduleTaintsKeepPodsAway() {
        Node tainted = node("node-1", true, Map.of());
        tainted.setSpec(new io.fabric8.kubernetes.api.model.NodeSpec());
        tainted.getSpec().setTaints(List.of(new io.fabric8.kubernetes.api.model.TaintBuilder()
                .withKey("dedicated").withValue("db").withEffect("NoSchedule").build()));
        assertThat(PodPlacer.place(pod(Map.of()), List.of(tainted), n -> 0).message())
                .contains("1 node(s) had untolerated taint {dedicated: db}");
        Pod tolerant = pod(Map.of());
        tolerant.getSpec().setTolerations(List.of(new io.fabric8.kubernetes.api.model.TolerationBuilder()
                .withKey("dedicated").withOperator("Equal").withValue("db").withEffect("NoSchedule").build()));
        assertThat(PodPlacer.place(tolerant, List.of(tainted), n -> 0).node()).isEqualTo("node-1");
    }
}
