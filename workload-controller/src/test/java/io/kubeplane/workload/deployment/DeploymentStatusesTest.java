package io.kubeplane.workload.deployment;

import static io.kubeplane.workload.deployment.DeploymentFixtures.NOW;
import static io.kubeplane.workload.deployment.DeploymentFixtures.byHash;
import static io.kubeplane.workload.deployment.DeploymentFixtures.deployment;
import static io.kubeplane.workload.deployment.DeploymentFixtures.hash;
import static io.kubeplane.workload.deployment.DeploymentFixtures.notReady;
import static io.kubeplane.workload.deployment.DeploymentFixtures.ready;
import static io.kubeplane.workload.deployment.DeploymentFixtures.terminating;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentStatusesTest {

    @Test
    void countsWhatKubectlShows() {
        Deployment v1 = deployment(3, "nginx:1.27");
        Deployment v2 = deployment(3, "nginx:1.28");
        DeploymentStatus status = DeploymentStatuses.compute(v2,
                byHash(v2, List.of(ready(hash(v1)), ready(hash(v1)), notReady(hash(v2)), terminating(ready(hash(v1))))), NOW);
        assertThat(status.getObservedGeneration()).isEqualTo(2L);
        assertThat(status.getReplicas()).isEqualTo(3);
        assertThat(status.getUpdatedReplicas()).isEqualTo(1);
        assertThat(status.getReadyReplicas()).isEqualTo(2);
        assertThat(status.getAvailableReplicas()).isEqualTo(2);
        assertThat(status.getUnavailableReplicas()).isEqualTo(1);
        // maxUnavailable is 25% of 3, rounded down to 0: two available pods are not the minimum.
        assertThat(condition(status, "Available").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Progressing").getReason()).isEqualTo("ReplicaSetUpdated");
    }

    @Test
    void aCompleteRolloutSaysNewReplicaSetAvailable() {
        Deployment web = deployment(2, "nginx:1.27");
        DeploymentStatus status = DeploymentStatuses.compute(web, byHash(web, List.of(ready(hash(web)), ready(hash(web)))), NOW);
        DeploymentCondition progressing = condition(status, "Progressing");
        assertThat(progressing.getReason()).isEqualTo("NewReplicaSetAvailable");
        assertThat(progressing.getMessage()).isEqualTo("ReplicaSet \"web-" + hash(web) + "\" has successfully progressed.");
        assertThat(condition(status, "Available").getReason()).isEqualTo("MinimumReplicasAvailable");
    }

    @Test
    void zeroCountsAreLeftOutAsOnACluster() {
        Deployment web = deployment(2, "nginx:1.27");
        DeploymentStatus status = DeploymentStatuses.compute(web, List.of(), NOW);
        assertThat(status.getReplicas()).isNull();
        assertThat(status.getReadyReplicas()).isNull();
        assertThat(status.getUnavailableReplicas()).isEqualTo(2);
        assertThat(condition(status, "Available").getStatus()).isEqualTo("False");
    }

    @Test
    void anUnchangedDeploymentGetsAnIdenticalStatusLater() {
        Deployment web = deployment(2, "nginx:1.27");
        List<OwnedReplicaSet> pods = byHash(web, List.of(ready(hash(web)), ready(hash(web))));
        web.setStatus(DeploymentStatuses.compute(web, pods, NOW));
        DeploymentStatus later = DeploymentStatuses.compute(web, pods, NOW.plusSeconds(120));
        assertThat(DeploymentStatuses.same(web.getStatus(), later)).isTrue();
    }

    @Test
    void aRolloutInProgressAsksToBeLookedAtWhenItsDeadlinePasses() {
        Deployment v1 = deployment(2, "nginx:1.27");
        Deployment v2 = deployment(2, "nginx:1.28");
        DeploymentStatus progressing = DeploymentStatuses.compute(v2, byHash(v2, List.of(ready(hash(v1)), notReady(hash(v2)))), NOW);
        assertThat(DeploymentStatuses.untilDeadline(v2, progressing, NOW.plusSeconds(100)))
                .hasValue(java.time.Duration.ofSeconds(500).plusMillis(500));

        v2.setStatus(progressing);
        DeploymentStatus stuck = DeploymentStatuses.compute(v2, byHash(v2, List.of(ready(hash(v1)), notReady(hash(v2)))),
                NOW.plusSeconds(601));
        assertThat(condition(stuck, "Progressing").getReason()).isEqualTo("ProgressDeadlineExceeded");
        assertThat(condition(stuck, "Progressing").getStatus()).isEqualTo("False");
        assertThat(DeploymentStatuses.untilDeadline(v2, stuck, NOW.plusSeconds(601))).isEmpty();

        DeploymentStatus complete = DeploymentStatuses.compute(v1, byHash(v1, List.of(ready(hash(v1)), ready(hash(v1)))), NOW);
        assertThat(DeploymentStatuses.untilDeadline(v1, complete, NOW)).isEmpty();
    }

    private static DeploymentCondition condition(DeploymentStatus status, String type) {
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }
}
