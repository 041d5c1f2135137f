package io.kubeplane.endpoints.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.kubeplane.endpoints.desired.PodRules;
import io.kubeplane.endpoints.desired.PodVerdict;
import org.junit.jupiter.api.Test;

class SlimObjectsTest {

    private final Pod full = new PodBuilder().withNewMetadata().withNamespace("ns").withName("web-1").withUid("u1")
            .addToLabels("app", "web").addToAnnotations("note", "x").withResourceVersion("7")
            .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").build()).endMetadata()
            .withNewSpec().withNodeName("node-a").withHostname("web-1").withSubdomain("web")
            .addNewContainer().withName("c").withImage("nginx").addToArgs("--serve")
            .addNewPort().withName("http").withContainerPort(8080).withProtocol("TCP").endPort().endContainer()
            .addNewVolume().withName("data").endVolume().endSpec()
            .withNewStatus().withPhase("Running").withPodIP("10.244.0.2").addNewPodIP().withIp("10.244.0.2").endPodIP()
            .addNewCondition().withType("Initialized").withStatus("True").endCondition()
            .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
            .build();

    @Test
    void aSlimPodKeepsWhatTheEndpointRulesReadAndDropsTheRest() {
        Pod slim = SlimObjects.pod(full);
        assertThat(slim.getMetadata().getManagedFields()).isNull();
        assertThat(slim.getMetadata().getAnnotations()).isNull();
        assertThat(slim.getSpec().getVolumes()).isNull();
        assertThat(slim.getSpec().getContainers().getFirst().getImage()).isNull();
        assertThat(slim.getStatus().getConditions()).extracting(c -> c.getType()).containsExactly("Ready");
        var service = new ServiceBuilder().withNewMetadata().withNamespace("ns").withName("web").endMetadata()
                .withNewSpec().addToSelector("app", "web").addNewPort().withName("http").withPort(80)
                .withTargetPort(new IntOrString("http")).endPort().endSpec().build();
        assertThat(PodVerdict.of(service, slim)).isEqualTo(PodVerdict.of(service, full));
        assertThat(PodRules.hostname(slim, service)).isEqualTo("web-1");
    }

    @Test
    void repeatedStringsAreShared() {
        Pod a = SlimObjects.pod(full);
        Pod b = SlimObjects.pod(new PodBuilder(full).editMetadata().withName("web-2").withLabels(java.util.Map.of(
                new String("app".toCharArray()), new String("web".toCharArray()))).endMetadata().build());
        assertThat(b.getMetadata().getLabels().get("app")).isSameAs(a.getMetadata().getLabels().get("app"));
    }
}
