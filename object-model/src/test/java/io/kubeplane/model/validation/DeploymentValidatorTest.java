package io.kubeplane.model.validation;

import static io.kubeplane.model.validation.FieldError.Type.FORBIDDEN;
import static io.kubeplane.model.validation.FieldError.Type.INVALID;
import static io.kubeplane.model.validation.FieldError.Type.NOT_SUPPORTED;
import static io.kubeplane.model.validation.FieldError.Type.REQUIRED;
import static io.kubeplane.model.validation.Fixtures.changed;
import static io.kubeplane.model.validation.Fixtures.error;
import static io.kubeplane.model.validation.Fixtures.typesAndFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.kubeplane.model.defaults.Defaulting;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentValidatorTest {

    private final DeploymentValidator validator = new DeploymentValidator();

    @ParameterizedTest
    @MethodSource
    void create(Consumer<Deployment> change, List<Tuple> expected) {
        Deployment deployment = changed(Fixtures.deployment(), change);

        assertThat(typesAndFields(validator.validateCreate(deployment))).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> create() {
        return Stream.of(
                row("three replicas of a labelled template", d -> { }),
                row("zero replicas", d -> d.getSpec().setReplicas(0)),
                row("negative replicas", d -> d.getSpec().setReplicas(-1), error(INVALID, "spec.replicas")),
                row("no selector", d -> d.getSpec().setSelector(null), error(REQUIRED, "spec.selector")),
                row("an empty selector", d -> d.getSpec().setSelector(new LabelSelector()), error(INVALID, "spec.selector")),
                row("a selector that does not match the template", d -> d.getSpec().setSelector(
                        new LabelSelectorBuilder().addToMatchLabels("app", "api").build()), error(INVALID, "spec.template.metadata.labels")),
                row("a selector by expression that matches", d -> d.getSpec().setSelector(new LabelSelectorBuilder()
                        .addNewMatchExpression().withKey("app").withOperator("In").withValues("web", "api").endMatchExpression().build())),
                row("a selector expression with an unknown operator", d -> d.getSpec().setSelector(new LabelSelectorBuilder()
                        .addNewMatchExpression().withKey("app").withOperator("Like").withValues("web").endMatchExpression().build()),
                        error(INVALID, "spec.selector.matchExpressions[0].operator"), error(INVALID, "spec.template.metadata.labels")),
                row("an Exists expression with values", d -> d.getSpec().setSelector(new LabelSelectorBuilder()
                        .addNewMatchExpression().withKey("app").withOperator("Exists").withValues("web").endMatchExpression().build()),
                        error(FORBIDDEN, "spec.selector.matchExpressions[0].values")),
                row("no template", d -> d.getSpec().setTemplate(null), error(REQUIRED, "spec.template")),
                row("a template without containers", d -> d.getSpec().getTemplate().getSpec().setContainers(List.of()),
                        error(REQUIRED, "spec.template.spec.containers")),
                row("a template container without an image", d -> d.getSpec().getTemplate().getSpec().getContainers().getFirst().setImage(null),
                        error(REQUIRED, "spec.template.spec.containers[0].image")),
                row("a template label value with a space", d -> d.getSpec().getTemplate().getMetadata().setLabels(Map.of("app", "web", "x", "a b")),
                        error(INVALID, "spec.template.metadata.labels")),
                row("pods that never restart", d -> d.getSpec().getTemplate().getSpec().setRestartPolicy("Never"),
                        error(NOT_SUPPORTED, "spec.template.spec.restartPolicy")),
                row("pods with a deadline", d -> d.getSpec().getTemplate().getSpec().setActiveDeadlineSeconds(60L),
                        error(FORBIDDEN, "spec.template.spec.activeDeadlineSeconds")),
                row("an unknown strategy", d -> d.getSpec().setStrategy(strategy("BlueGreen", null)), error(NOT_SUPPORTED, "spec.strategy.type")),
                row("Recreate with rolling-update parameters", d -> d.getSpec().setStrategy(strategy("Recreate", rolling("25%", "25%"))),
                        error(FORBIDDEN, "spec.strategy.rollingUpdate")),
                row("a rolling update by count", d -> d.getSpec().setStrategy(strategy("RollingUpdate", rolling(1, 0)))),
                row("a rolling update with nothing to give", d -> d.getSpec().setStrategy(strategy("RollingUpdate", rolling("0%", 0))),
                        error(INVALID, "spec.strategy.rollingUpdate.maxUnavailable")),
                row("a surge that is not a percentage", d -> d.getSpec().setStrategy(strategy("RollingUpdate", rolling("25%", "a quarter"))),
                        error(INVALID, "spec.strategy.rollingUpdate.maxSurge")),
                row("a negative surge", d -> d.getSpec().setStrategy(strategy("RollingUpdate", rolling("25%", -1))),
                        error(INVALID, "spec.strategy.rollingUpdate.maxSurge")),
                row("more than all pods unavailable", d -> d.getSpec().setStrategy(strategy("RollingUpdate", rolling("120%", "0%"))),
                        error(INVALID, "spec.strategy.rollingUpdate.maxUnavailable")),
                row("a progress deadline not beyond minReadySeconds", d -> {
                    d.getSpec().setMinReadySeconds(30);
                    d.getSpec().setProgressDeadlineSeconds(30);
                }, error(INVALID, "spec.progressDeadlineSeconds")),
                row("a negative revision history", d -> d.getSpec().setRevisionHistoryLimit(-1), error(INVALID, "spec.revisionHistoryLimit")),
                row("a name with upper case", d -> d.getMetadata().setName("Web"), error(INVALID, "metadata.name")));
    }

    @ParameterizedTest
    @MethodSource
    void update(Consumer<Deployment> change, List<Tuple> expected) {
        Deployment old = Defaulting.apply(Fixtures.deployment());
        Deployment deployment = changed(old, change);

        assertThat(typesAndFields(validator.validateUpdate(deployment, old))).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> update() {
        return Stream.of(
                row("scaled to ten", d -> d.getSpec().setReplicas(10)),
                row("a new image", d -> d.getSpec().getTemplate().getSpec().getContainers().getFirst().setImage("nginx:1.28")),
                row("the selector changed along with the template", d -> {
                    d.getSpec().setSelector(new LabelSelectorBuilder().addToMatchLabels("app", "web2").build());
                    d.getSpec().getTemplate().getMetadata().setLabels(Map.of("app", "web2"));
                }, error(INVALID, "spec.selector")),
                row("scaled below zero", d -> d.getSpec().setReplicas(-3), error(INVALID, "spec.replicas")));
    }

    @Test
    void theSelectorMismatchReadsAsKubernetes() {
        Deployment deployment = changed(Fixtures.deployment(),
                d -> d.getSpec().setSelector(new LabelSelectorBuilder().addToMatchLabels("app", "api").build()));

        assertThat(validator.validateCreate(deployment)).extracting(FieldError::message).containsExactly(
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`");
    }

    @Test
    void statusCountsAreConsistent() {
        Deployment old = Defaulting.apply(Fixtures.deployment());
        Deployment ok = changed(old, d -> d.setStatus(new DeploymentStatusBuilder().withReplicas(3).withReadyReplicas(3)
                .withAvailableReplicas(2).withUpdatedReplicas(3).withObservedGeneration(1L).build()));
        Deployment bad = changed(old, d -> d.setStatus(new DeploymentStatusBuilder().withReplicas(2).withReadyReplicas(3)
                .withAvailableReplicas(3).withUpdatedReplicas(-1).build()));

        assertThat(validator.validateStatusUpdate(ok, old)).isEmpty();
        assertThat(typesAndFields(validator.validateStatusUpdate(bad, old))).containsExactlyInAnyOrder(
                error(INVALID, "status.updatedReplicas"), error(INVALID, "status.readyReplicas"),
                error(INVALID, "status.availableReplicas"));
    }

    private static DeploymentStrategy strategy(String type, RollingUpdateDeployment rolling) {
        DeploymentStrategy strategy = new DeploymentStrategy();
        strategy.setType(type);
        strategy.setRollingUpdate(rolling);
        return strategy;
    }

    private static RollingUpdateDeployment rolling(Object maxUnavailable, Object maxSurge) {
        RollingUpdateDeployment rolling = new RollingUpdateDeployment();
        rolling.setMaxUnavailable(new IntOrString(maxUnavailable));
        rolling.setMaxSurge(new IntOrString(maxSurge));
        return rolling;
    }

    private static Arguments row(String situation, Consumer<Deployment> change, Tuple... expected) {
        return Fixtures.row(situation, change, expected);
    }
}
