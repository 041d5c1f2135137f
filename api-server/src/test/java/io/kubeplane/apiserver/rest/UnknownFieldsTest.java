package io.kubeplane.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.api.Test;

class UnknownFieldsTest {

    @Test
    void namesEachUnknownFieldByItsPathAndDropsIt() {
        Service service = new ServiceBuilder().withNewMetadata().withName("web").addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewPort().withPort(80).endPort().addNewPort().withPort(443).endPort().endSpec().build();
        service.setAdditionalProperty("extra", 1);
        service.getSpec().setAdditionalProperty("clusterip", "10.96.0.1");
        service.getSpec().getPorts().get(1).setAdditionalProperty("nodeport", 30080);
        service.getSpec().getPorts().get(1).setAdditionalProperty("appprotocol", "http");

        assertThat(UnknownFields.prune(service))
                .containsExactly("extra", "spec.clusterip", "spec.ports[1].appprotocol", "spec.ports[1].nodeport");
        assertThat(service.getAdditionalProperties()).isEmpty();
        assertThat(service.getSpec().getPorts().get(1).getAdditionalProperties()).isEmpty();
        assertThat(UnknownFields.prune(service)).isEmpty();
    }

    @Test
    void leavesFreeFormContentAlone() {
        Service service = new ServiceBuilder().withNewMetadata().withName("web").addNewManagedField()
                .withManager("kubectl").withNewFieldsV1().addToAdditionalProperties("f:spec", java.util.Map.of()).endFieldsV1()
                .endManagedField().endMetadata().build();

        assertThat(UnknownFields.prune(service)).isEmpty();
        assertThat(service.getMetadata().getManagedFields().getFirst().getFieldsV1().getAdditionalProperties())
                .containsKey("f:spec");
    }
}
