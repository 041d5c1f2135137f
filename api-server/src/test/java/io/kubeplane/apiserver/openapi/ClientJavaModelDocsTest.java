package io.kubeplane.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.apiserver.openapi.ModelDocs.FieldDoc;
import io.kubeplane.apiserver.openapi.ModelDocs.ModelDoc;
import org.junit.jupiter.api.Test;

/**
 * Descriptions read from the Kubernetes Java client's model classes ({@code io.kubernetes:client-java-api},
 * Kubernetes 1.32), without loading them.
 */
class ClientJavaModelDocsTest {

    private final ClientJavaModelDocs docs = new ClientJavaModelDocs(getClass().getClassLoader());

    @Test
    void theClientsModelClassesAreOnTheClassPath() {
        assertThat(docs.available()).isTrue();
    }

    @Test
    void aTypeAndItsFieldsAreDescribed() {
        ModelDoc spec = docs.lookup("io.k8s.api.core.v1.ServiceSpec").orElseThrow();

        assertThat(spec.description()).isEqualTo("ServiceSpec describes the attributes that a user creates on a service.");
        assertThat(spec.field("sessionAffinity").description()).startsWith("Supports \"ClientIP\" and \"None\".");
        assertThat(spec.field("sessionAffinity").required()).isFalse();
        assertThat(spec.field("clusterIP").description()).startsWith("clusterIP is the IP address of the service");
    }

    @Test
    void requiredFieldsAreMarked() {
        ModelDoc deployment = docs.lookup("io.k8s.api.apps.v1.DeploymentSpec").orElseThrow();

        assertThat(deployment.field("selector").required()).isTrue();
        assertThat(deployment.field("template").required()).isTrue();
        assertThat(deployment.field("replicas").required()).isFalse();
        assertThat(docs.lookup("io.k8s.api.core.v1.ServicePort").orElseThrow().field("port").required()).isTrue();
    }

    @Test
    void timeFieldsAreTold() {
        FieldDoc created = docs.lookup("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta").orElseThrow()
                .field("creationTimestamp");

        assertThat(created.time()).isTrue();
        assertThat(docs.lookup("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta").orElseThrow().field("name").time()).isFalse();
    }

    @Test
    void aKindTwoGroupsShareIsFoundUnderItsGroupsName() {
        assertThat(ClientJavaModelDocs.classNames("io.k8s.api.core.v1.EndpointPort"))
                .containsExactly("CoreV1EndpointPort", "V1EndpointPort");
        assertThat(docs.lookup("io.k8s.api.core.v1.EndpointPort").orElseThrow().description())
                .startsWith("EndpointPort is a tuple that describes a single port.");
        assertThat(docs.lookup("io.k8s.api.discovery.v1.EndpointPort").orElseThrow().description())
                .startsWith("EndpointPort represents a Port used by an EndpointSlice");
    }

    @Test
    void anUnknownTypeHasNoDocs() {
        assertThat(docs.lookup("io.k8s.api.core.v1.NoSuchThing")).isEmpty();
    }
}
