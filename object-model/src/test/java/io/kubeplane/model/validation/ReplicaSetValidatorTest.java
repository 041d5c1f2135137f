package io.kubeplane.model.validation;

import static io.kubeplane.model.validation.FieldError.Type.FORBIDDEN;
import static io.kubeplane.model.validation.FieldError.Type.INVALID;
import static io.kubeplane.model.validation.FieldError.Type.NOT_SUPPORTED;
import static io.kubeplane.model.validation.FieldError.Type.REQUIRED;
import static io.kubeplane.model.validation.Fixtures.changed;
import static io.kubeplane.model.validation.Fixtures.error;
import static io.kubeplane.model.validation.Fixtures.typesAndFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicaSetValidatorTest {

    private final ReplicaSetValidator validator = new ReplicaSetValidator();

    @ParameterizedTest
    @MethodSource
    void create(Consumer<ReplicaSet> change, List<Tuple> expected) {
        ReplicaSet replicaSet = changed(Fixtures.replicaSet(), change);

        assertThat(typesAndFields(validator.validateCreate(replicaSet))).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> create() {
        return Stream.of(
                row("three replicas of a labelled template", rs -> { }),
                row("zero replicas", rs -> rs.getSpec().setReplicas(0)),
                row("negative replicas", rs -> rs.getSpec().setReplicas(-1), error(INVALID, "spec.replicas")),
                row("negative minReadySeconds", rs -> rs.getSpec().setMinReadySeconds(-5), error(INVALID, "spec.minReadySeconds")),
                row("no selector", rs -> rs.getSpec().setSelector(null), error(REQUIRED, "spec.selector")),
                row("an empty selector", rs -> rs.getSpec().setSelector(new LabelSelector()), error(INVALID, "spec.selector")),
                row("a selector the template does not match", rs -> rs.getSpec().setSelector(
                        new LabelSelectorBuilder().addToMatchLabels("app", "api").build()), error(INVALID, "spec.template.metadata.labels")),
                row("no template", rs -> rs.getSpec().setTemplate(null), error(REQUIRED, "spec.template")),
                row("pods that would not restart", rs -> rs.getSpec().getTemplate().getSpec().setRestartPolicy("Never"),
                        error(NOT_SUPPORTED, "spec.template.spec.restartPolicy")),
                row("pods with a deadline", rs -> rs.getSpec().getTemplate().getSpec().setActiveDeadlineSeconds(30L),
                        error(FORBIDDEN, "spec.template.spec.activeDeadlineSeconds")));
    }

    @Test
    void theSelectorCannotChange() {
        ReplicaSet old = Fixtures.replicaSet();
        ReplicaSet scaled = changed(old, rs -> rs.getSpec().setReplicas(5));
        ReplicaSet reselected = changed(old, rs -> rs.getSpec().getSelector().getMatchLabels().remove("pod-template-hash"));

        assertThat(validator.validateUpdate(scaled, old)).isEmpty();
        assertThat(typesAndFields(validator.validateUpdate(reselected, old))).containsExactly(error(INVALID, "spec.selector"));
    }

    @Test
    void statusCountsStayWithinTheReplicas() {
        ReplicaSet old = Fixtures.replicaSet();
        ReplicaSet ok = changed(old, rs -> rs.setStatus(new ReplicaSetStatusBuilder().withReplicas(3).withFullyLabeledReplicas(3)
                .withReadyReplicas(2).withAvailableReplicas(2).withObservedGeneration(1L).build()));
        ReplicaSet bad = changed(old, rs -> rs.setStatus(new ReplicaSetStatusBuilder().withReplicas(2).withFullyLabeledReplicas(-1)
                .withReadyReplicas(3).withAvailableReplicas(4).build()));

        assertThat(validator.validateStatusUpdate(ok, old)).isEmpty();
        assertThat(typesAndFields(validator.validateStatusUpdate(bad, old))).containsExactlyInAnyOrder(
                error(INVALID, "status.fullyLabeledReplicas"), error(INVALID, "status.readyReplicas"),
                error(INVALID, "status.availableReplicas"), error(INVALID, "status.availableReplicas"));
    }

    private static Arguments row(String situation, Consumer<ReplicaSet> change, Tuple... expected) {
        return Fixtures.row(situation, change, expected);
    }
}
