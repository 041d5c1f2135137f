package io.kubeplane.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** fabric8 classes under the names Kubernetes' OpenAPI gives their Go types. */
class DefinitionNamesTest {

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of(ServiceSpec.class, "io.k8s.api.core.v1.ServiceSpec"),
                Arguments.of(io.fabric8.kubernetes.api.model.EndpointPort.class, "io.k8s.api.core.v1.EndpointPort"),
                Arguments.of(EndpointPort.class, "io.k8s.api.discovery.v1.EndpointPort"),
                Arguments.of(ObjectMeta.class, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"),
                Arguments.of(IntOrString.class, "io.k8s.apimachinery.pkg.util.intstr.IntOrString"),
                Arguments.of(Quantity.class, "io.k8s.apimachinery.pkg.api.resource.Quantity"),
                Arguments.of(DeploymentSpec.class, "io.k8s.api.apps.v1.DeploymentSpec"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void aFabric8ClassHasItsKubernetesName(Class<?> type, String expected) {
        assertThat(DefinitionNames.of(type)).isEqualTo(expected);
    }
}
