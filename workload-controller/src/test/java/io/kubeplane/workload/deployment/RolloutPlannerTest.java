package io.kubeplane.workload.deployment;

import static io.kubeplane.workload.deployment.DeploymentFixtures.NOW;
import static io.kubeplane.workload.deployment.DeploymentFixtures.deployment;
import static io.kubeplane.workload.deployment.DeploymentFixtures.hash;
import static io.kubeplane.workload.deployment.DeploymentFixtures.notReady;
import static io.kubeplane.workload.deployment.DeploymentFixtures.pod;
import static io.kubeplane.workload.deployment.DeploymentFixtures.ready;
import static io.kubeplane.workload.deployment.DeploymentFixtures.replicaSet;
import static io.kubeplane.workload.deployment.DeploymentFixtures.terminating;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubeplane.workload.pods.PodStates;
import io.kubeplane.workload.replicaset.ReplicaSetPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RolloutPlannerTest {

    @Test
    void aNewDeploymentGetsItsReplicaSetWithEveryReplica() {
        Deployment web = deployment(3, "nginx:1.27");
        RolloutPlan plan = RolloutPlanner.plan(web, List.of(), NOW);
        assertThat(plan.createNew()).isEqualTo(3);
        assertThat(plan.scale()).isEmpty();
    }

    @Test
    void scalingChangesTheCurrentReplicaSetOnly() {
        Deployment web = deployment(5, "nginx:1.27");
        OwnedReplicaSet current = owned(replicaSet(web, hash(web), 3, 1, 60), ready(hash(web)), ready(hash(web)), ready(hash(web)));
        assertThat(RolloutPlanner.plan(web, List.of(current), NOW).scale()).containsExactly(Map.entry(current.name(), 5));

        web.getSpec().setReplicas(1);
        assertThat(RolloutPlanner.plan(web, List.of(current), NOW).scale()).containsExactly(Map.entry(current.name(), 1));
    }

    @Test
    void aSteadyDeploymentHasNothingToDo() {
        Deployment web = deployment(2, "nginx:1.27");
        OwnedReplicaSet current = owned(replicaSet(web, hash(web), 2, 1, 60), ready(hash(web)), ready(hash(web)));
        assertThat(RolloutPlanner.plan(web, List.of(current), NOW).nothingToDo()).isTrue();
    }

    @Test
    void aRollingUpdateSurgesFirstThenScalesTheOldDownAsFarAsAvailabilityAllows() {
        Deployment v1 = deployment(4, "nginx:1.27");
        Deployment v2 = deployment(4, "nginx:1.28");
        OwnedReplicaSet old = owned(replicaSet(v1, hash(v1), 4, 1, 600),
                ready(hash(v1)), ready(hash(v1)), ready(hash(v1)), ready(hash(v1)));

        // maxSurge 25% of 4 = 1 over, maxUnavailable 25% of 4 = 1 under.
        assertThat(RolloutPlanner.plan(v2, List.of(old), NOW).createNew()).isEqualTo(1);

        OwnedReplicaSet fresh = owned(replicaSet(v2, hash(v2), 1, 2, 1), notReady(hash(v2)));
        RolloutPlan next = RolloutPlanner.plan(v2, List.of(old, fresh), NOW);
        assertThat(next.createNew()).isNull();
        assertThat(next.scale()).containsExactly(Map.entry(old.name(), 3));
    }

    @Test
    void aRolloutNeverTakesAvailabilityBelowReplicasMinusMaxUnavailableNorPodsAboveReplicasPlusMaxSurge() {
        Deployment v1 = deployment(10, "nginx:1.27");
        Deployment v2 = deployment(10, "nginx:1.28");
        Simulation cluster = new Simulation(v1);
        cluster.settle();
        assertThat(cluster.available()).isEqualTo(10);

        cluster.deployment = v2;
        int minAvailable = 10 - 2; // 25% of 10, rounded down
        int maxTotal = 10 + 3;     // 25% of 10, rounded up
        for (int round = 0; round < 60 && !cluster.done(); round++) {
            cluster.step();
            assertThat(cluster.available()).as("round %d", round).isGreaterThanOrEqualTo(minAvailable);
            assertThat(cluster.pods()).as("round %d", round).hasSizeLessThanOrEqualTo(maxTotal);
            cluster.newPodsBecomeReady();
        }
        assertThat(cluster.done()).isTrue();
        assertThat(cluster.pods()).hasSize(10).allMatch(p -> hash(v2).equals(p.getMetadata().getLabels().get("pod-template-hash")));
        assertThat(cluster.sets.keySet()).hasSize(2).as("the old ReplicaSet stays, at zero, for rollbacks")
                .contains("web-" + hash(v1), "web-" + hash(v2));
        assertThat(cluster.sets.get("web-" + hash(v1)).getSpec().getReplicas()).isZero();
    }

    @Test
    void unavailableOldPodsGoFirstWithoutWaiting() {
        Deployment v1 = deployment(4, "nginx:1.27");
        Deployment v2 = deployment(4, "nginx:1.28");
        Pod broken = notReady(hash(v1));
        OwnedReplicaSet old = owned(replicaSet(v1, hash(v1), 4, 1, 600), ready(hash(v1)), ready(hash(v1)), ready(hash(v1)), broken);
        OwnedReplicaSet fresh = owned(replicaSet(v2, hash(v2), 1, 2, 1), notReady(hash(v2)));

        RolloutPlan plan = RolloutPlanner.plan(v2, List.of(old, fresh), NOW);
        // One may go (4 + 1 - 3 available needed - 1 new unavailable): the one that serves nothing.
        assertThat(plan.scale()).containsExactly(Map.entry(old.name(), 3));
        ReplicaSet scaled = old.replicaSet();
        scaled.getSpec().setReplicas(3);
        assertThat(ReplicaSetPlan.of(scaled, old.pods()).delete()).containsExactly(broken);
    }

    @Test
    void recreateScalesEveryOldReplicaSetToZeroAndWaitsForItsPodsBeforeCreatingTheNew() {
        Deployment v1 = deployment(2, "nginx:1.27");
        Deployment v2 = deployment(2, "nginx:1.28");
        v2.getSpec().getStrategy().setType("Recreate");
        v2.getSpec().getStrategy().setRollingUpdate(null);
        OwnedReplicaSet old = owned(replicaSet(v1, hash(v1), 2, 1, 600), ready(hash(v1)), ready(hash(v1)));

        assertThat(RolloutPlanner.plan(v2, List.of(old), NOW).scale()).containsExactly(Map.entry(old.name(), 0));

        OwnedReplicaSet draining = owned(replicaSet(v1, hash(v1), 0, 1, 600), terminating(ready(hash(v1))));
        assertThat(RolloutPlanner.plan(v2, List.of(draining), NOW).nothingToDo()).isTrue();

        OwnedReplicaSet drained = owned(replicaSet(v1, hash(v1), 0, 1, 600));
        assertThat(RolloutPlanner.plan(v2, List.of(drained), NOW).createNew()).isEqualTo(2);
    }

    @Test
    void minReadySecondsDelaysAvailabilityAndAsksForARecheck() {
        Deployment v1 = deployment(1, "nginx:1.27");
        Deployment v2 = deployment(1, "nginx:1.28");
        v2.getSpec().setMinReadySeconds(10);
        Pod fresh = pod(hash(v2), NOW.minusSeconds(4));
        List<OwnedReplicaSet> sets = List.of(owned(replicaSet(v1, hash(v1), 1, 1, 600), pod(hash(v1), NOW.minusSeconds(600))),
                owned(replicaSet(v2, hash(v2), 1, 2, 5), fresh));

        RolloutPlan plan = RolloutPlanner.plan(v2, sets, NOW);
        // maxUnavailable 25% of 1 rounds to 0: the old pod stays until the new one is available.
        assertThat(plan.nothingToDo()).as("the new pod is ready but not yet available").isTrue();
        assertThat(plan.recheckIn()).isEqualTo(Duration.ofSeconds(6));
        assertThat(RolloutPlanner.plan(v2, sets, NOW.plusSeconds(7)).scale()).containsExactly(Map.entry("web-" + hash(v1), 0));
    }

    @Test
    void aPausedDeploymentStartsNoRolloutButStillScales() {
        Deployment v1 = deployment(2, "nginx:1.27");
        OwnedReplicaSet current = owned(replicaSet(v1, hash(v1), 2, 1, 600), ready(hash(v1)), ready(hash(v1)));
        Deployment v2 = deployment(3, "nginx:1.28");
        v2.getSpec().setPaused(true);
        assertThat(RolloutPlanner.plan(v2, List.of(current), NOW).nothingToDo()).isTrue();

        v1.getSpec().setPaused(true);
        v1.getSpec().setReplicas(3);
        assertThat(RolloutPlanner.plan(v1, List.of(current), NOW).scale()).containsExactly(Map.entry(current.name(), 3));
    }

    @Test
    void aCompleteRolloutKeepsRevisionHistoryLimitOldReplicaSets() {
        Deployment web = deployment(1, "nginx:1.27");
        web.getSpec().setRevisionHistoryLimit(2);
        List<OwnedReplicaSet> sets = new ArrayList<>();
        IntStream.rangeClosed(1, 4).forEach(revision ->
                sets.add(owned(replicaSet(deployment(1, "nginx:1." + revision), "old" + revision, 0, revision, 1000 - revision))));
        sets.add(owned(replicaSet(web, hash(web), 1, 5, 10), ready(hash(web))));

        assertThat(RolloutPlanner.plan(web, sets, NOW).delete()).containsExactly("web-old1", "web-old2");

        sets.set(4, owned(replicaSet(web, hash(web), 1, 5, 10), notReady(hash(web))));
        assertThat(RolloutPlanner.plan(web, sets, NOW).delete()).as("not before the rollout is complete").isEmpty();
    }

    @Test
    void aRollbackFindsTheOldTemplatesReplicaSetAgain() {
        Deployment v1 = deployment(2, "nginx:1.27");
        Deployment v2 = deployment(2, "nginx:1.28");
        OwnedReplicaSet first = owned(replicaSet(v1, hash(v1), 0, 1, 600));
        OwnedReplicaSet second = owned(replicaSet(v2, hash(v2), 2, 2, 60), ready(hash(v2)), ready(hash(v2)));

        RolloutPlan undo = RolloutPlanner.plan(v1, List.of(first, second), NOW);
        assertThat(undo.createNew()).isNull();
        assertThat(undo.scale()).containsExactly(Map.entry(first.name(), 1));
    }

    private static OwnedReplicaSet owned(ReplicaSet replicaSet, Pod... pods) {
        return new OwnedReplicaSet(replicaSet, List.of(pods));
    }

    /** The Deployment and ReplicaSet controllers taking turns over a set of ReplicaSets and pods. */
    private static final class Simulation {
        Deployment deployment;
        final Map<String, ReplicaSet> sets = new LinkedHashMap<>();
        final Map<String, List<Pod>> podsBySet = new LinkedHashMap<>();
        private int age = 10_000;

        Simulation(Deployment deployment) {
            this.deployment = deployment;
        }

        void settle() {
            for (int i = 0; i < 10 && !done(); i++) {
                step();
                newPodsBecomeReady();
            }
        }

        boolean done() {
            return !sets.isEmpty() && RolloutPlanner.plan(deployment, owned(), NOW).nothingToDo()
                   && sets.values().stream().allMatch(rs -> ReplicaSetPlan.of(rs, podsBySet.get(name(rs))).nothingToDo())
                   && pods().stream().allMatch(PodStates::ready);
        }

        void step() {
            RolloutPlan plan = RolloutPlanner.plan(deployment, owned(), NOW);
            if (plan.createNew() != null) {
                ReplicaSet created = replicaSet(deployment, hash(deployment), plan.createNew(), sets.size() + 1, age--);
                sets.put(name(created), created);
                podsBySet.put(name(created), new ArrayList<>());
            }
            plan.scale().forEach((name, replicas) -> sets.get(name).getSpec().setReplicas(replicas));
            for (ReplicaSet rs : sets.values()) {
                List<Pod> pods = podsBySet.get(name(rs));
                ReplicaSetPlan podPlan = ReplicaSetPlan.of(rs, pods);
                pods.removeAll(podPlan.delete());
                for (int i = 0; i < podPlan.create(); i++) {
                    pods.add(notReady(rs.getMetadata().getLabels().get("pod-template-hash")));
                }
            }
        }

        void newPodsBecomeReady() {
            podsBySet.values().forEach(pods -> pods.replaceAll(p -> PodStates.ready(p) ? p
                    : ready(p.getMetadata().getLabels().get("pod-template-hash"))));
        }

        List<Pod> pods() {
            return podsBySet.values().stream().flatMap(List::stream).toList();
        }

        long available() {
            return pods().stream().filter(PodStates::ready).count();
        }

        private List<OwnedReplicaSet> owned() {
            return sets.values().stream().map(rs -> new OwnedReplicaSet(rs, podsBySet.get(name(rs)))).toList();
        }

        private static String name(ReplicaSet rs) {
            return rs.getMetadata().getName();
        }
    }
}
