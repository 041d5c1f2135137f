package io.kubeplane.proxy.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The status a kubelet would report for a pod on its node, once the pod has an IP: phase Running,
 * the node's IP as hostIP, a running status for each container (ready when it has no readiness
 * probe, else when the probe passes), and the conditions PodReadyToStartContainers, Initialized,
 * ContainersReady, Ready and PodScheduled, with Kubernetes' reason and message when not ready. A
 * pod being deleted is reported not ready. Condition times move only when a condition changes.
 * Pure.
 */
public final class PodStatuses {

    /** What the agent owns in a pod's status; ipam-service owns podIP(s). */
    public record AgentStatus(String phase, String hostIP, String startTime, List<PodCondition> conditions,
                              List<ContainerStatus> containerStatuses) {
    }

    private PodStatuses() {
    }

    /**
     * @param probeReady a container's readiness by its probe; empty when it has none
     */
    public static AgentStatus desired(Pod pod, NodeIdentity node, Function<String, Optional<Boolean>> probeReady, Instant now) {
        String startTime = Optional.ofNullable(pod.getStatus().getStartTime()).orElse(seconds(now));
        boolean terminating = pod.getMetadata().getDeletionTimestamp() != null;
        List<ContainerStatus> containers = new ArrayList<>();
        List<String> unready = new ArrayList<>();
        for (Container container : pod.getSpec().getContainers()) {
            boolean ready = !terminating && probeReady.apply(container.getName()).orElse(true);
            if (!ready) {
                unready.add(container.getName());
            }
            containers.add(new ContainerStatusBuilder()
                    .withName(container.getName())
                    .withImage(container.getImage())
                    .withImageID(container.getImage() == null ? "" : "kubeplane://" + container.getImage())
                    .withContainerID("kubeplane://" + containerId(pod.getMetadata().getUid(), container.getName()))
                    .withReady(ready)
                    .withStarted(true)
                    .withRestartCount(0)
                    .withNewState().withNewRunning().withStartedAt(startTime).endRunning().endState()
                    .build());
        }
        boolean ready = unready.isEmpty();
        String reason = ready ? null : "ContainersNotReady";
        String message = ready ? null : "containers with unready status: [" + String.join(" ", unready) + "]";
        List<PodCondition> conditions = List.of(
                condition(pod, "PodReadyToStartContainers", true, null, null, now),
                condition(pod, "Initialized", true, null, null, now),
                condition(pod, "Ready", ready, reason, message, now),
                condition(pod, "ContainersReady", ready, reason, message, now),
                condition(pod, "PodScheduled", true, null, null, now));
        return new AgentStatus("Running", node.internalIp(), startTime, conditions, containers);
    }

    /** Whether the pod's stored status already says everything in {@code desired}. */
    public static boolean reported(Pod pod, AgentStatus desired) {
        var status = pod.getStatus();
        if (status == null) {
            return false;
        }
        return desired.phase().equals(status.getPhase()) && desired.hostIP().equals(status.getHostIP())
               && desired.startTime().equals(status.getStartTime())
               && Objects.equals(desired.containerStatuses(), status.getContainerStatuses())
               && desired.conditions().stream().allMatch(c -> status.getConditions() != null && status.getConditions().contains(c));
    }

    private static PodCondition condition(Pod pod, String type, boolean holds, String reason, String message, Instant now) {
        String status = holds ? "True" : "False";
        PodCondition old = pod.getStatus().getConditions() == null ? null : pod.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String since = old != null && status.equals(old.getStatus()) && old.getLastTransitionTime() != null
                ? old.getLastTransitionTime() : seconds(now);
        return new PodConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime(since).withLastProbeTime(null).build();
    }

    private static String seconds(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A stable 64-hex-digit id, shaped like a container runtime's. */
    static String containerId(String podUid, String container) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((podUid + "/" + container).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
