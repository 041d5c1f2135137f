package io.kubeplane.endpoints.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MirroredSlicesTest {

    private final EndpointsBuilder written = new EndpointsBuilder().withNewMetadata().withNamespace("ns").withName("db")
            .withUid("ep-uid").addToLabels("team", "data").endMetadata()
            .addNewSubset().addNewAddress().withIp("192.0.2.1").endAddress().addNewAddress().withIp("2001:db8::1").endAddress()
            .addNewNotReadyAddress().withIp("192.0.2.2").endNotReadyAddress()
            .addNewPort().withName("pg").withPort(5432).endPort().endSubset();

    @Test
    void eachAddressTypeAndPortSetIsAGroupAndReadinessFollowsTheSubsetList() {
        Map<String, DesiredSlices.Group> groups = MirroredSlices.of(written.build());
        assertThat(groups.values()).extracting(DesiredSlices.Group::addressType).containsExactly("IPv4", "IPv6");
        DesiredSlices.Group ipv4 = groups.values().iterator().next();
        assertThat(ipv4.ports()).extracting(p -> p.getName() + "/" + p.getPort() + "/" + p.getProtocol()).containsExactly("pg/5432/TCP");
        assertThat(ipv4.endpoints().values()).extracting(e -> e.getAddresses().getFirst() + "=" + e.getConditions().getReady())
                .containsExactly("192.0.2.1=true", "192.0.2.2=false");
    }

    @Test
    void mirroredSlicesAreLabelledFromTheEndpointsAndOwnedByThem() {
        SlicePlan.Target target = MirroredSlices.target(written.build());
        assertThat(target.labels()).containsEntry("team", "data").containsEntry("kubernetes.io/service-name", "db")
                .containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslicemirroring-controller.k8s.io");
        assertThat(target.owner().getKind()).isEqualTo("Endpoints");
        assertThat(target.owner().getUid()).isEqualTo("ep-uid");
        assertThat(target.placeholder()).isNull();
        SlicePlan plan = SlicePlan.of(target, MirroredSlices.of(written.build()), java.util.List.of(), 100);
        assertThat(plan.creates()).hasSize(2);
        assertThat(plan.creates()).allSatisfy(s -> assertThat(s.getMetadata().getGenerateName()).isEqualTo("db-"));
    }

    @Test
    void onlySelectorlessServicesAreMirroredAndSkipMirrorIsHonoured() {
        var selectorless = new ServiceBuilder().withNewMetadata().withNamespace("ns").withName("db").endMetadata()
                .withNewSpec().endSpec().build();
        var selecting = new ServiceBuilder(selectorless).editSpec().addToSelector("app", "db").endSpec().build();
        assertThat(MirroredSlices.mirrors(selectorless, written.build())).isTrue();
        assertThat(MirroredSlices.mirrors(selecting, written.build())).isFalse();
        assertThat(MirroredSlices.mirrors(selectorless, written.editMetadata()
                .addToLabels(MirroredSlices.SKIP_MIRROR, "true").endMetadata().build())).isFalse();
    }

    @Test
    void atMostAThousandAddressesAreMirrored() {
        EndpointsBuilder big = new EndpointsBuilder().withNewMetadata().withNamespace("ns").withName("big").endMetadata();
        var subset = big.addNewSubset().addNewPort().withPort(80).endPort();
        for (int i = 0; i < 1200; i++) {
            subset.addNewAddress().withIp("10.1." + (i / 250) + "." + (i % 250 + 1)).endAddress();
        }
        subset.endSubset();
        int mirrored = MirroredSlices.of(big.build()).values().stream().mapToInt(g -> g.endpoints().size()).sum();
        assertThat(mirrored).isEqualTo(1000);
        Endpoint first = MirroredSlices.of(big.build()).values().iterator().next().endpoints().values().iterator().next();
        assertThat(first.getConditions().getReady()).isTrue();
    }
}
