package io.kubeplane.ipam.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class PodAddressingTest {

    private static PodBuilder pod() {
        return new PodBuilder().withNewMetadata().withNamespace("ns").withName("p").withUid("u").endMetadata()
                .withNewSpec().withNodeName("node-a").endSpec().withNewStatus().withPhase("Pending").endStatus();
    }

    @Test
    void aBoundPodWithoutAnIpNeedsOne() {
        assertThat(PodAddressing.needsAddress(pod().build())).isTrue();
        assertThat(PodAddressing.needsAddress(pod().withStatus(null).build())).isTrue();
    }

    @Test
    void unboundHostNetworkAddressedDeletingAndFinishedPodsDoNot() {
        assertThat(PodAddressing.needsAddress(pod().editSpec().withNodeName(null).endSpec().build())).isFalse();
        assertThat(PodAddressing.needsAddress(pod().editSpec().withHostNetwork(true).endSpec().build())).isFalse();
        assertThat(PodAddressing.needsAddress(pod().editStatus().withPodIP("10.244.0.2").endStatus().build())).isFalse();
        assertThat(PodAddressing.needsAddress(pod().editMetadata().withDeletionTimestamp("2026-11-22T12:00:00Z")
                .endMetadata().build())).isFalse();
        assertThat(PodAddressing.needsAddress(pod().editStatus().withPhase("Succeeded").endStatus().build())).isFalse();
        assertThat(PodAddressing.needsAddress(pod().editStatus().withPhase("Failed").endStatus().build())).isFalse();
    }
}
