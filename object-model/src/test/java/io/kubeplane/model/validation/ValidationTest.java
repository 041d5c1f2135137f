package io.kubeplane.model.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.kubeplane.model.ApiResource;
import io.kubeplane.model.ApiResources;
import io.kubeplane.model.KubernetesJson;
import io.kubeplane.model.defaults.Defaulting;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ValidationTest {

    static Stream<Named<HasMetadata>> valid() {
        return Fixtures.all().stream();
    }

    @ParameterizedTest
    @MethodSource("valid")
    void aValidObjectHasNoErrorsBeforeOrAfterDefaulting(HasMetadata obj) {
        assertThat(Validation.validateCreate(obj)).isEmpty();
        assertThat(Validation.validateCreate(Defaulting.apply(KubernetesJson.deepCopy(obj)))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("valid")
    void anUnchangedObjectIsAValidUpdate(HasMetadata obj) {
        HasMetadata stored = Defaulting.apply(KubernetesJson.deepCopy(obj));

        assertThat(Validation.validateUpdate(KubernetesJson.deepCopy(stored), stored)).isEmpty();
        assertThat(Validation.validateStatusUpdate(KubernetesJson.deepCopy(stored), stored)).isEmpty();
    }

    @Test
    void everyServedKindHasAValidator() {
        for (ApiResource resource : ApiResources.SERVED.all()) {
            assertThat(ObjectValidators.defaults().forType(resource.type())).as(resource.kind()).isPresent();
        }
    }

    @Test
    void objectsAreDispatchedToTheirKindsValidator() {
        Service service = Fixtures.changed(Fixtures.service(), s -> s.getSpec().setType("Foo"));
        Pod pod = Fixtures.changed(Fixtures.pod(), p -> p.getSpec().setContainers(java.util.List.of()));

        assertThat(Validation.validateCreate(service)).extracting(FieldError::field).containsExactly("spec.type");
        assertThat(Validation.validateCreate(pod)).extracting(FieldError::field).containsExactly("spec.containers");
    }

    @Test
    void kindsThatAreNotServedAreRefused() {
        assertThatThrownBy(() -> Validation.validateCreate(new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ConfigMap");
        assertThatThrownBy(() -> Validation.validateUpdate(Fixtures.service(), Fixtures.pod()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNodePortRangeCanBeConfigured() {
        Service service = Fixtures.changed(Fixtures.service(), s -> {
            s.getSpec().setType("NodePort");
            s.getSpec().getPorts().getFirst().setNodePort(30080);
        });

        assertThat(ObjectValidators.withNodePortRange(PortRange.parse("31000-31999")).validateCreate(service))
                .extracting(FieldError::field).containsExactly("spec.ports[0].nodePort");
        assertThat(Validation.validateCreate(service)).isEmpty();
    }

    @Test
    void portRangesParseAsTheApiServerFlag() {
        assertThat(PortRange.parse("30000-32767")).isEqualTo(PortRange.DEFAULT_NODE_PORTS).hasToString("30000-32767");
        assertThat(PortRange.parse("8080")).isEqualTo(new PortRange(8080, 8080));
        assertThat(PortRange.DEFAULT_NODE_PORTS.size()).isEqualTo(2768);
        assertThatThrownBy(() -> PortRange.parse("32767-30000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PortRange.parse("a-b")).isInstanceOf(IllegalArgumentException.class);
    }
}
