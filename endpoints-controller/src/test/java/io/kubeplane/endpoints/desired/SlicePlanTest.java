package io.kubeplane.endpoints.desired;

import static io.kubeplane.endpoints.desired.Fixtures.notReady;
import static io.kubeplane.endpoints.desired.Fixtures.pod;
import static io.kubeplane.endpoints.desired.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlicePlanTest {

    private static final String MANAGER = "endpointslice-controller.k8s.io";
    private final Service web = service().build();

    private static List<Pod> pods(int count) {
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pods.add(pod("p%03d".formatted(i), "10.244." + (i / 200) + "." + (i % 200 + 2)).build());
        }
        return pods;
    }

    private SlicePlan plan(List<Pod> pods, List<EndpointSlice> existing) {
        return SlicePlan.of(web, DesiredSlices.of(web, pods, n -> null), existing, 100, MANAGER);
    }

    /** The plan applied: what a store would hold afterwards, with names for the created slices. */
    private static List<EndpointSlice> applied(List<EndpointSlice> existing, SlicePlan plan) {
        List<EndpointSlice> result = new ArrayList<>(existing);
        result.removeIf(s -> plan.deletes().stream().anyMatch(d -> d.getMetadata().getName().equals(s.getMetadata().getName())));
        for (EndpointSlice updated : plan.updates()) {
            result.replaceAll(s -> s.getMetadata().getName().equals(updated.getMetadata().getName()) ? updated : s);
        }
        int n = result.size();
        for (EndpointSlice created : plan.creates()) {
            result.add(new EndpointSliceBuilder(created).editMetadata().withName("web-" + (n++)).endMetadata().build());
        }
        return result;
    }

    @Test
    void twoHundredFiftyPodsFillThreeSlicesLabelledAndOwnedByTheService() {
        SlicePlan plan = plan(pods(250), List.of());
        assertThat(plan.creates()).extracting(s -> s.getEndpoints().size()).containsExactly(100, 100, 50);
        EndpointSlice first = plan.creates().getFirst();
        assertThat(first.getMetadata().getGenerateName()).isEqualTo("web-");
        assertThat(first.getMetadata().getLabels()).containsEntry("kubernetes.io/service-name", "web")
                .containsEntry("endpointslice.kubernetes.io/managed-by", MANAGER).containsEntry("tier", "front");
        assertThat(first.getMetadata().getOwnerReferences().getFirst().getUid()).isEqualTo("svc-uid");
        assertThat(first.getAddressType()).isEqualTo("IPv4");
        assertThat(first.getPorts()).extracting(p -> p.getName() + "/" + p.getPort()).containsExactly("http/8080", "metrics/9090");
    }

    @Test
    void anUnchangedServiceNeedsNoWriteAndOneChangedPodRewritesOnlyItsSlice() {
        List<EndpointSlice> stored = applied(List.of(), plan(pods(250), List.of()));
        assertThat(plan(pods(250), stored).isEmpty()).isTrue();

        List<Pod> changed = new ArrayList<>(pods(250));
        changed.set(120, notReady(pod("p120", "10.244.0.122")).build());
        SlicePlan plan = plan(changed, stored);
        assertThat(plan.creates()).isEmpty();
        assertThat(plan.deletes()).isEmpty();
        assertThat(plan.updates()).hasSize(1);
        Endpoint flipped = plan.updates().getFirst().getEndpoints().stream()
                .filter(e -> e.getAddresses().getFirst().equals("10.244.0.122")).findFirst().orElseThrow();
        assertThat(flipped.getConditions().getReady()).isFalse();
        assertThat(flipped.getConditions().getServing()).isFalse();
    }

    @Test
    void newPodsFillSlicesWithRoomBeforeANewSliceIsMade() {
        List<EndpointSlice> stored = applied(List.of(), plan(pods(250), List.of()));
        SlicePlan grow = plan(pods(290), stored);
        assertThat(grow.creates()).isEmpty();
        assertThat(grow.updates()).hasSize(1);
        assertThat(grow.updates().getFirst().getEndpoints()).hasSize(90);

        SlicePlan shrink = plan(pods(0), stored);
        assertThat(shrink.creates()).isEmpty();
        assertThat(shrink.updates()).as("one slice kept as the empty placeholder").hasSize(1);
        assertThat(shrink.updates().getFirst().getEndpoints()).isEmpty();
        assertThat(shrink.deletes()).hasSize(2);
    }

    @Test
    void aServiceWithoutPodsHasOnePlaceholderSliceWhichTheFirstPodsReuse() {
        SlicePlan empty = plan(List.of(), List.of());
        assertThat(empty.creates()).hasSize(1);
        assertThat(empty.creates().getFirst().getEndpoints()).isEmpty();
        List<EndpointSlice> stored = applied(List.of(), empty);
        assertThat(plan(List.of(), stored).isEmpty()).isTrue();

        SlicePlan first = plan(pods(3), stored);
        assertThat(first.creates()).isEmpty();
        assertThat(first.deletes()).isEmpty();
        assertThat(first.updates()).hasSize(1);
        assertThat(first.updates().getFirst().getEndpoints()).hasSize(3);
    }

    @Test
    void terminatingPodsStayAsServingButNotReadyAndNodesGiveZones() {
        Pod going = pod("a", "10.244.0.2").editMetadata().withDeletionTimestamp("2026-11-22T00:00:00Z").endMetadata().build();
        var groups = DesiredSlices.of(web, List.of(going), name -> new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels(DesiredSlices.ZONE_LABEL, "zone-1").endMetadata().build());
        Endpoint endpoint = groups.values().iterator().next().endpoints().get("10.244.0.2");
        assertThat(endpoint.getConditions().getReady()).isFalse();
        assertThat(endpoint.getConditions().getServing()).isTrue();
        assertThat(endpoint.getConditions().getTerminating()).isTrue();
        assertThat(endpoint.getZone()).isEqualTo("zone-1");
        assertThat(endpoint.getNodeName()).isEqualTo("node-a");
        assertThat(endpoint.getTargetRef().getName()).isEqualTo("a");
    }
}
