package io.kubeplane.workload.deployment;

import static io.kubeplane.workload.deployment.DeploymentFixtures.NOW;
import static io.kubeplane.workload.deployment.DeploymentFixtures.deployment;
import static io.kubeplane.workload.deployment.DeploymentFixtures.hash;
import static io.kubeplane.workload.deployment.DeploymentFixtures.notReady;
import static io.kubeplane.workload.deployment.DeploymentFixtures.pod;
import static io.kubeplane.workload.deployment.DeploymentFixtures.ready;
import static io.kubeplane.workload.deployment.DeploymentFixtures.terminating;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutPlannerTest {

    @Test
    void createsTheMissingReplicas() {
        Deployment web = deployment(3, "nginx:1.27");
        RolloutPlan plan = RolloutPlanner.plan(web, List.of(ready(hash(web))), NOW);
        assertThat(plan.create()).isEqualTo(2);
        assertThat(plan.delete()).isEmpty();
    }

    @Test
    void terminatingAndFinishedPodsDoNotCountSoReplacementsAreCreated() {
        Deployment web = deployment(2, "nginx:1.27");
        Pod finished = ready(hash(web));
        finished.getStatus().setPhase("Succeeded");
        RolloutPlan plan = RolloutPlanner.plan(web, List.of(terminating(ready(hash(web))), finished, ready(hash(web))), NOW);
        assertThat(plan.create()).isEqualTo(1);
    }

    @Test
    void scalingDownRemovesNotReadyPodsFirstThenTheNewestReady() {
        Deployment web = deployment(1, "nginx:1.27");
        String h = hash(web);
        Pod oldest = pod(h, NOW.minusSeconds(3600));
        Pod newest = pod(h, NOW.minusSeconds(5));
        Pod pending = notReady(h);
        RolloutPlan plan = RolloutPlanner.plan(web, List.of(oldest, newest, pending), NOW);
        assertThat(plan.create()).isZero();
        assertThat(plan.delete()).containsExactly(pending, newest);
    }

    @Test
    void rollingUpdateSurgesFirstAndKeepsMinimumAvailability() {
        Deployment v1 = deployment(4, "nginx:1.27");
        Deployment v2 = deployment(4, "nginx:1.28");
        List<Pod> pods = new ArrayList<>(List.of(ready(hash(v1)), ready(hash(v1)), ready(hash(v1)), ready(hash(v1))));

        RolloutPlan first = RolloutPlanner.plan(v2, pods, NOW);
        // maxSurge 25% of 4 = 1 over, maxUnavailable 25% of 4 = 1 under.
        assertThat(first.create()).isEqualTo(1);
        assertThat(first.delete()).hasSize(1).allMatch(p -> hash(v1).equals(RolloutPlanner.hashOf(p)));
    }

    @Test
    void aRolloutNeverTakesAvailabilityBelowReplicasMinusMaxUnavailable() {
        Deployment v1 = deployment(10, "nginx:1.27");
        Deployment v2 = deployment(10, "nginx:1.28");
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            pods.add(ready(hash(v1)));
        }
        int minAvailable = 10 - 2; // 25% of 10, rounded down
        int maxTotal = 10 + 3;     // 25% of 10, rounded up
        for (int round = 0; round < 50; round++) {
            RolloutPlan plan = RolloutPlanner.plan(v2, pods, NOW);
            pods.removeAll(plan.delete());
            long available = pods.stream().filter(PodStates::ready).count();
            assertThat(available).as("round %d", round).isGreaterThanOrEqualTo(minAvailable);
            for (int i = 0; i < plan.create(); i++) {
                pods.add(notReady(hash(v2)));
            }
            assertThat(pods).as("round %d", round).hasSizeLessThanOrEqualTo(maxTotal);
            // Between rounds, the new pods become ready.
            pods.replaceAll(p -> PodStates.ready(p) ? p : ready(hash(v2)));
            if (plan.nothingToDo()) {
                break;
            }
        }
        assertThat(pods).hasSize(10).allMatch(p -> hash(v2).equals(RolloutPlanner.hashOf(p)));
    }

    @Test
    void unavailableOldPodsGoFirstWithoutWaiting() {
        Deployment v1 = deployment(4, "nginx:1.27");
        Deployment v2 = deployment(4, "nginx:1.28");
        Pod broken = notReady(hash(v1));
        RolloutPlan plan = RolloutPlanner.plan(v2, List.of(ready(hash(v1)), ready(hash(v1)), ready(hash(v1)), broken), NOW);
        // One may go (4 - 25%): the one that serves nothing, rather than a ready one.
        assertThat(plan.delete()).containsExactly(broken);
    }

    @Test
    void recreateDeletesEveryOldPodBeforeCreatingAny() {
        Deployment v1 = deployment(2, "nginx:1.27");
        Deployment v2 = deployment(2, "nginx:1.28");
        v2.getSpec().getStrategy().setType("Recreate");
        v2.getSpec().getStrategy().setRollingUpdate(null);
        List<Pod> old = List.of(ready(hash(v1)), ready(hash(v1)));

        RolloutPlan first = RolloutPlanner.plan(v2, old, NOW);
        assertThat(first.create()).isZero();
        assertThat(first.delete()).containsExactlyInAnyOrderElementsOf(old);

        RolloutPlan whileTerminating = RolloutPlanner.plan(v2, List.of(terminating(ready(hash(v1)))), NOW);
        assertThat(whileTerminating.nothingToDo()).isTrue();

        assertThat(RolloutPlanner.plan(v2, List.of(), NOW).create()).isEqualTo(2);
    }

    @Test
    void minReadySecondsDelaysAvailabilityAndAsksForARecheck() {
        Deployment v1 = deployment(1, "nginx:1.27");
        Deployment v2 = deployment(1, "nginx:1.28");
        v2.getSpec().setMinReadySeconds(10);
        Pod fresh = pod(hash(v2), NOW.minusSeconds(4));
        RolloutPlan plan = RolloutPlanner.plan(v2, List.of(pod(hash(v1), NOW.minusSeconds(600)), fresh), NOW);
        assertThat(plan.delete()).as("the new pod is ready but not yet available").isEmpty();
        assertThat(plan.recheckIn()).isEqualTo(Duration.ofSeconds(6));
        Instant later = NOW.plusSeconds(7);
        assertThat(RolloutPlanner.plan(v2, List.of(pod(hash(v1), NOW.minusSeconds(600)), fresh), later).delete()).hasSize(1);
    }
}
