package io.kubeplane.workload.pods;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** How the Deployment controller reads a pod: active, ready, available. Pure. */
public final class PodStates {

    private PodStates() {
    }

    /** Counted towards the replicas: not being deleted and not finished (Succeeded or Failed). */
    public static boolean active(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    public static boolean ready(Pod pod) {
        return readyCondition(pod).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    /**
     * Ready for at least {@code minReadySeconds}, the Deployment's measure of availability; with
     * no minimum every ready pod is available.
     */
    public static boolean available(Pod pod, int minReadySeconds, Instant now) {
        if (!ready(pod)) {
            return false;
        }
        if (minReadySeconds <= 0) {
            return true;
        }
        return readySince(pod).map(since -> !since.plusSeconds(minReadySeconds).isAfter(now)).orElse(true);
    }

    /** How long until a ready pod becomes available, if it is ready and not yet available. */
    public static Optional<Duration> untilAvailable(Pod pod, int minReadySeconds, Instant now) {
        if (!ready(pod) || minReadySeconds <= 0) {
            return Optional.empty();
        }
        return readySince(pod).map(since -> Duration.between(now, since.plusSeconds(minReadySeconds)))
                .filter(d -> !d.isNegative() && !d.isZero());
    }

    public static boolean scheduled(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
    }

    public static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
    }

    static Optional<Instant> readySince(Pod pod) {
        return readyCondition(pod).map(PodCondition::getLastTransitionTime).flatMap(PodStates::instant);
    }

    private static Optional<PodCondition> readyCondition(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }

    private static Optional<Instant> instant(String time) {
        try {
            return time == null ? Optional.empty() : Optional.of(Instant.parse(time));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
