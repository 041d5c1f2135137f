package io.kubeplane.workload.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.kubeplane.workload.deployment.TemplateHash;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReplicaSetPlanTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Test
    void createsTheMissingReplicas() {
        ReplicaSetPlan plan = ReplicaSetPlan.of(replicaSet(3, 0), List.of(pod(NOW.minusSeconds(60))));
        assertThat(plan.create()).isEqualTo(2);
        assertThat(plan.delete()).isEmpty();
    }

    @Test
    void terminatingAndFinishedPodsDoNotCountSoReplacementsAreCreated() {
        Pod finished = pod(NOW.minusSeconds(60));
        finished.getStatus().setPhase("Succeeded");
        Pod terminating = pod(NOW.minusSeconds(60));
        terminating.getMetadata().setDeletionTimestamp(NOW.plusSeconds(30).toString());
        assertThat(ReplicaSetPlan.of(replicaSet(2, 0), List.of(terminating, finished, pod(NOW.minusSeconds(60)))).create())
                .isEqualTo(1);
    }

    @Test
    void scalingDownRemovesNotReadyPodsFirstThenTheNewestReady() {
        Pod oldest = pod(NOW.minusSeconds(3600));
        Pod newest = pod(NOW.minusSeconds(5));
        Pod pending = pod(null);
        ReplicaSetPlan plan = ReplicaSetPlan.of(replicaSet(1, 0), List.of(oldest, newest, pending));
        assertThat(plan.create()).isZero();
        assertThat(plan.delete()).containsExactly(pending, newest);
    }

    @Test
    void statusCountsActiveReadyAvailableAndFullyLabelledPods() {
        ReplicaSet web = replicaSet(4, 30);
        web.getMetadata().setGeneration(3L);
        Pod relabelled = pod(NOW.minusSeconds(120));
        relabelled.getMetadata().setLabels(Map.of("app", "web"));
        Pod terminating = pod(NOW.minusSeconds(120));
        terminating.getMetadata().setDeletionTimestamp(NOW.toString());
        var status = ReplicaSetStatuses.compute(web,
                List.of(pod(NOW.minusSeconds(120)), pod(NOW.minusSeconds(10)), pod(null), relabelled, terminating), NOW);
        assertThat(status.getReplicas()).isEqualTo(4);
        assertThat(status.getFullyLabeledReplicas()).isEqualTo(3);
        assertThat(status.getReadyReplicas()).isEqualTo(3);
        assertThat(status.getAvailableReplicas()).as("ready for minReadySeconds (30 s)").isEqualTo(2);
        assertThat(status.getObservedGeneration()).isEqualTo(3L);
        assertThat(ReplicaSetStatuses.recheck(web, List.of(pod(NOW.minusSeconds(10))), NOW)).hasValue(java.time.Duration.ofSeconds(20));

        var empty = ReplicaSetStatuses.compute(replicaSet(0, 0), List.of(), NOW);
        assertThat(empty.getReplicas()).as("written even at zero, as Go writes it").isZero();
        assertThat(empty.getReadyReplicas()).isNull();
    }

    @Test
    void aStatusReadBackFromTheApiEqualsTheComputedOneSoNothingIsRewritten() {
        ReplicaSet web = replicaSet(2, 0);
        var computed = ReplicaSetStatuses.compute(web, List.of(pod(NOW.minusSeconds(60)), pod(null)), NOW);
        var readBack = io.kubeplane.model.KubernetesJson.JSON.readValue(io.kubeplane.model.KubernetesJson.write(computed),
                io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus.class);
        assertThat(readBack).isEqualTo(computed);
        web.setStatus(readBack);
        assertThat(ReplicaSetStatuses.compute(web, List.of(pod(NOW.minusSeconds(60)), pod(null)), NOW)).isEqualTo(readBack);
    }

    @Test
    void podsAreNamedLabelledAndOwnedAsTheReplicaSetControllerDoes() {
        ReplicaSet web = replicaSet(1, 0);
        Pod pod = PodFactory.newPod(web, new Random(1));
        assertThat(pod.getMetadata().getName()).matches("web-7c5ddbdf54-[" + TemplateHash.SAFE_ALPHABET + "]{5}");
        assertThat(pod.getMetadata().getGenerateName()).isEqualTo("web-7c5ddbdf54-");
        assertThat(pod.getMetadata().getLabels()).containsEntry("app", "web").containsEntry("pod-template-hash", "7c5ddbdf54");
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("ReplicaSet");
            assertThat(owner.getName()).isEqualTo("web-7c5ddbdf54");
            assertThat(owner.getUid()).isEqualTo("uid-rs");
            assertThat(owner.getController()).isTrue();
        });
        assertThat(pod.getSpec().getContainers()).singleElement().satisfies(c -> assertThat(c.getImage()).isEqualTo("nginx"));
    }

    @Test
    void longNamesAreCutToFitSixtyThreeCharacters() {
        assertThat(PodFactory.name("x".repeat(70) + "-", new Random(2))).hasSize(63);
    }

    private static ReplicaSet replicaSet(int replicas, int minReadySeconds) {
        return new ReplicaSetBuilder()
                .withNewMetadata().withNamespace("default").withName("web-7c5ddbdf54").withUid("uid-rs").endMetadata()
                .withNewSpec().withReplicas(replicas).withMinReadySeconds(minReadySeconds)
                    .withNewSelector().withMatchLabels(Map.of("app", "web", "pod-template-hash", "7c5ddbdf54")).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "web", "pod-template-hash", "7c5ddbdf54")).endMetadata()
                        .withNewSpec().addNewContainer().withName("web").withImage("nginx").endContainer().endSpec()
                    .endTemplate()
                .endSpec().build();
    }

    /** A pod of the ReplicaSet, Running and ready since {@code readySince}, or Pending when null. */
    private static Pod pod(Instant readySince) {
        int n = SEQUENCE.incrementAndGet();
        PodBuilder pod = new PodBuilder().withNewMetadata().withNamespace("default").withName("web-7c5ddbdf54-" + n)
                .withCreationTimestamp(NOW.minusSeconds(1000 - n).toString())
                .withLabels(Map.of("app", "web", "pod-template-hash", "7c5ddbdf54")).endMetadata()
                .withNewSpec().withNodeName("node-1").endSpec();
        if (readySince == null) {
            return pod.withNewStatus().withPhase("Pending").endStatus().build();
        }
        return pod.withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
                .withLastTransitionTime(readySince.toString()).endCondition().endStatus().build();
    }
}
