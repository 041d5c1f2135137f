package io.kubeplane.apiserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
    void theEndpointsListExactlyTheLiveReplicasInOrder() {
        ObjectNode endpoints = KubernetesServiceObjects.endpoints(List.of("10.0.0.2", "10.0.0.1"), 6443);
        assertThat(endpoints.path("subsets").toString()).isEqualTo(
                "[{\"addresses\":[{\"ip\":\"10.0.0.1\"},{\"ip\":\"10.0.0.2\"}],"
                + "\"ports\":[{\"name\":\"https\",\"port\":6443,\"protocol\":\"TCP\"}]}]");
        ObjectNode stored = KubernetesServiceObjects.endpoints(List.of("10.0.0.1", "10.0.0.3"), 6443);
        ((ObjectNode) stored.path("metadata")).put("resourceVersion", "7");
        ObjectNode updated = KubernetesServiceObjects.withEndpointsOf(stored, endpoints);
        assertThat(updated.path("subsets")).isEqualTo(endpoints.path("subsets"));
        assertThat(updated.path("metadata").path("resourceVersion").asString()).isEqualTo("7");
        assertThat(stored.path("subsets")).as("the stored object is left as it was").isNotEqualTo(endpoints.path("subsets"));
        assertThat(KubernetesServiceObjects.endpoints(List.of(), 6443).path("subsets").isEmpty()).isTrue();

        ObjectNode slice = KubernetesServiceObjects.endpointSlice(List.of("10.0.0.2", "10.0.0.1"), 6443);
        assertThat(slice.path("endpoints").size()).isEqualTo(2);
        assertThat(slice.path("endpoints").get(0).path("addresses").get(0).asString()).isEqualTo("10.0.0.1");
        assertThat(slice.path("addressType").asString()).isEqualTo("IPv4");
        assertThat(KubernetesServiceObjects.endpointSlice(List.of("fd00::1"), 6443).path("addressType").asString())
                .isEqualTo("IPv6");
    }
}
