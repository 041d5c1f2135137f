package io.kubeplane.apiserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class KubernetesServiceObjectsTest {

    @Test
    void theServiceTakesTheFirstAddressOfTheServiceRange() {
        assertThat(KubernetesServiceObjects.firstAddress("10.96.0.0/12")).isEqualTo("10.96.0.1");
        assertThat(KubernetesServiceObjects.firstAddress("10.0.0.255/32")).isEqualTo("10.0.1.0");
        ObjectNode service = KubernetesServiceObjects.service("10.96.0.1", 6443);
        assertThat(service.path("spec").path("ports").toString())
                .isEqualTo("[{\"name\":\"https\",\"port\":443,\"protocol\":\"TCP\",\"targetPort\":6443}]");
        assertThat(service.path("metadata").path("labels").toString())
                .isEqualTo("{\"component\":\"apiserver\",\"provider\":\"kubernetes\"}");
    }

    @Test
    void eachReplicaAddsItsAddressOnce() {
        ObjectNode endpoints = KubernetesServiceObjects.endpoints("10.0.0.1", 6443);
        KubernetesServiceObjects.withAddress(endpoints, "10.0.0.2", 6443);
        KubernetesServiceObjects.withAddress(endpoints, "10.0.0.2", 6443);
        assertThat(endpoints.path("subsets").get(0).path("addresses").toString())
                .isEqualTo("[{\"ip\":\"10.0.0.1\"},{\"ip\":\"10.0.0.2\"}]");

        ObjectNode slice = KubernetesServiceObjects.endpointSlice("10.0.0.1", 6443);
        KubernetesServiceObjects.sliceWithAddress(slice, "10.0.0.1");
        KubernetesServiceObjects.sliceWithAddress(slice, "10.0.0.2");
        assertThat(slice.path("endpoints").size()).isEqualTo(2);
        assertThat(slice.path("addressType").asString()).isEqualTo("IPv4");
    }
}
