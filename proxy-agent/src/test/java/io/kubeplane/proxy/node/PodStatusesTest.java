package io.kubeplane.proxy.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodStatusesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final NodeIdentity NODE = new NodeIdentity("node-1", "127.0.0.1");

    private static Pod pod() {
        return new PodBuilder().withNewMetadata().withNamespace("default").withName("web-1").withUid("u1").endMetadata()
                .withNewSpec().withNodeName("node-1")
                    .addNewContainer().withName("web").withImage("nginx").endContainer()
                    .addNewContainer().withName("sidecar").withImage("envoy").endContainer()
                .endSpec()
                .withNewStatus().withPhase("Pending").withPodIP("10.244.0.5").endStatus().build();
    }

    @Test
    void aPodWithoutProbesRunsReadyAtOnce() {
        PodStatuses.AgentStatus status = PodStatuses.desired(pod(), NODE, c -> Optional.empty(), NOW);
        assertThat(status.phase()).isEqualTo("Running");
        assertThat(status.hostIP()).isEqualTo("127.0.0.1");
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
        assertThat(status.containerStatuses()).allSatisfy(c -> {
            assertThat(c.getReady()).isTrue();
            assertThat(c.getState().getRunning().getStartedAt()).isEqualTo("2026-11-22T12:00:00Z");
            assertThat(c.getContainerID()).matches("kubeplane://[0-9a-f]{64}");
        });
    }

    @Test
    void aFailingProbeMakesThePodNotReadyWithKubernetesReason() {
        PodStatuses.AgentStatus status = PodStatuses.desired(pod(), NODE,
                c -> c.equals("web") ? Optional.of(false) : Optional.empty(), NOW);
        PodCondition ready = condition(status, "Ready");
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("ContainersNotReady");
        assertThat(ready.getMessage()).isEqualTo("containers with unready status: [web]");
    }

    @Test
    void aTerminatingPodIsNotReady() {
        Pod pod = pod();
        pod.getMetadata().setDeletionTimestamp(NOW.plusSeconds(30).toString());
        assertThat(condition(PodStatuses.desired(pod, NODE, c -> Optional.empty(), NOW), "Ready").getStatus()).isEqualTo("False");
    }

    @Test
    void onceReportedNothingIsDueLaterAndTimesStay() {
        Pod pod = pod();
        PodStatuses.AgentStatus first = PodStatuses.desired(pod, NODE, c -> Optional.empty(), NOW);
        pod.getStatus().setPhase(first.phase());
        pod.getStatus().setHostIP(first.hostIP());
        pod.getStatus().setStartTime(first.startTime());
        pod.getStatus().setConditions(first.conditions());
        pod.getStatus().setContainerStatuses(first.containerStatuses());
        PodStatuses.AgentStatus later = PodStatuses.desired(pod, NODE, c -> Optional.empty(), NOW.plusSeconds(90));
        assertThat(PodStatuses.reported(pod, later)).isTrue();
        PodStatuses.AgentStatus unready = PodStatuses.desired(pod, NODE, c -> Optional.of(false), NOW.plusSeconds(90));
        assertThat(PodStatuses.reported(pod, unready)).isFalse();
        assertThat(condition(unready, "Ready").getLastTransitionTime()).isEqualTo("2026-11-22T12:01:30Z");
        assertThat(condition(unready, "PodScheduled").getLastTransitionTime()).isEqualTo("2026-11-22T12:00:00Z");
    }

    private static PodCondition condition(PodStatuses.AgentStatus status, String type) {
        return status.conditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }
}
