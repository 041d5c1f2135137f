package io.kubeplane.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.apiserver.registry.GracefulDeletion.Action;
import io.kubeplane.model.ApiResources;
import io.kubeplane.model.KubernetesJson;
import java.time.Instant;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * DELETE of pods as kube-apiserver's {@code BeforeDelete} and the pod strategy's
 * {@code CheckGracefulDelete} decide it. Every request is at 12:00:00.
 */
class GracefulDeletionTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final KindStrategies STRATEGIES = KindStrategies.served();

    /** A pod as stored: defaulted (terminationGracePeriodSeconds 30), generation 1. */
    private static ObjectNode pod(String metadata, String spec, String phase) {
        return (ObjectNode) KubernetesJson.JSON.readTree("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","generation":1%s},
                 "spec":{"containers":[{"name":"c","image":"nginx"}]%s},"status":{"phase":"%s"}}"""
                .formatted(metadata, spec, phase));
    }

    private static final String BOUND = ",\"nodeName\":\"node-1\",\"terminationGracePeriodSeconds\":30";

    /** Marked at 11:59:50 with 30 s of grace: until 12:00:20. */
    private static final String MARKED = ",\"deletionTimestamp\":\"2025-03-01T12:00:20Z\",\"deletionGracePeriodSeconds\":30";

    static Stream<Arguments> deletions() {
        return Stream.of(
                row("running pod on a node, its own grace", pod("", BOUND, "Running"), null,
                        Action.MARK, "2025-03-01T12:00:30Z", 30),
                row("running pod on a node, 10 s asked for", pod("", BOUND, "Running"), 10L,
                        Action.MARK, "2025-03-01T12:00:10Z", 10),
                row("running pod on a node, grace 0 (kubectl delete --force --grace-period=0)",
                        pod("", BOUND, "Running"), 0L, Action.REMOVE, null, 0),
                row("running pod on a node, a negative grace counts as 1 s", pod("", BOUND, "Running"), -5L,
                        Action.MARK, "2025-03-01T12:00:01Z", 1),
                row("pod whose spec asks for 5 s", pod("", ",\"nodeName\":\"node-1\",\"terminationGracePeriodSeconds\":5",
                        "Running"), null, Action.MARK, "2025-03-01T12:00:05Z", 5),
                row("pod with terminationGracePeriodSeconds 0", pod("", ",\"nodeName\":\"node-1\","
                        + "\"terminationGracePeriodSeconds\":0", "Running"), null, Action.REMOVE, null, 0),
                row("pod stored without a grace period gets 30 s", pod("", ",\"nodeName\":\"node-1\"", "Pending"), null,
                        Action.MARK, "2025-03-01T12:00:30Z", 30),
                row("pending pod no scheduler has bound", pod("", "", "Pending"), null, Action.REMOVE, null, 0),
                row("unbound pod, even with 60 s asked for", pod("", "", "Pending"), 60L, Action.REMOVE, null, 0),
                row("succeeded pod on a node", pod("", BOUND, "Succeeded"), null, Action.REMOVE, null, 0),
                row("failed pod on a node", pod("", BOUND, "Failed"), 30L, Action.REMOVE, null, 0),
                row("terminating pod, deleted again", pod(MARKED, BOUND, "Running"), null, Action.PENDING, null, 0),
                row("terminating pod, a longer grace asked for", pod(MARKED, BOUND, "Running"), 60L,
                        Action.PENDING, null, 0),
                row("terminating pod, the same grace asked for", pod(MARKED, BOUND, "Running"), 30L,
                        Action.PENDING, null, 0),
                row("terminating pod, 25 s asked for: 5 s earlier", pod(MARKED, BOUND, "Running"), 25L,
                        Action.MARK, "2025-03-01T12:00:15Z", 25),
                row("terminating pod, 5 s asked for after 10 s: due now, 1 s grace", pod(MARKED, BOUND, "Running"), 5L,
                        Action.MARK, "2025-03-01T12:00:00Z", 1),
                row("terminating pod, grace 0 (the node's agent is done)", pod(MARKED, BOUND, "Running"), 0L,
                        Action.REMOVE, null, 0),
                row("pod marked with grace 0 whose deletion was interrupted", pod(",\"deletionTimestamp\":"
                        + "\"2025-03-01T11:00:00Z\",\"deletionGracePeriodSeconds\":0", BOUND, "Running"), null,
                        Action.REMOVE, null, 0));
    }

    @ParameterizedTest
    @MethodSource("deletions")
    void decidesAsKubeApiserver(ObjectNode pod, @Nullable Long requested, Action action, @Nullable String deletionTimestamp,
                                long grace) {
        String before = pod.toString();

        GracefulDeletion plan = GracefulDeletion.plan(STRATEGIES.forResource(ApiResources.PODS), pod, requested, NOW);

        assertThat(plan.action()).isEqualTo(action);
        if (action == Action.MARK) {
            assertThat(plan.object().at("/metadata/deletionTimestamp").asString()).isEqualTo(deletionTimestamp);
            assertThat(plan.object().at("/metadata/deletionGracePeriodSeconds").asLong()).isEqualTo(grace);
        } else {
            assertThat(plan.object()).isSameAs(pod);
        }
        assertThat(pod.toString()).as("the stored object is not changed").isEqualTo(before);
    }

    @Test
    void theFirstMarkIsANewGenerationAShorterGraceIsNot() {
        KindStrategy pods = STRATEGIES.forResource(ApiResources.PODS);

        GracefulDeletion first = GracefulDeletion.plan(pods, pod("", BOUND, "Running"), null, NOW);
        GracefulDeletion shorter = GracefulDeletion.plan(pods, pod(MARKED, BOUND, "Running"), 10L, NOW);

        assertThat(first.object().at("/metadata/generation").asLong()).isEqualTo(2);
        assertThat(shorter.object().at("/metadata/generation").asLong()).isEqualTo(1);
    }

    @Test
    void kindsWithoutGracefulDeletionAreRemovedAtOnce() {
        ObjectNode service = (ObjectNode) KubernetesJson.JSON.readTree(
                "{\"kind\":\"Service\",\"metadata\":{\"name\":\"web\"},\"spec\":{}}");

        assertThat(GracefulDeletion.plan(STRATEGIES.forResource(ApiResources.SERVICES), service, 30L, NOW).action())
                .isEqualTo(Action.REMOVE);
    }

    private static Arguments row(String situation, ObjectNode pod, @Nullable Long requested, Action action,
                                 @Nullable String deletionTimestamp, long grace) {
        return Arguments.of(Named.of(situation, pod), requested, action, deletionTimestamp, grace);
    }
}
