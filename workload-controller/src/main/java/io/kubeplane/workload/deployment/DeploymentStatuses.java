package io.kubeplane.workload.deployment;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.kubeplane.workload.pods.PodStates;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Deployment's status from the pods of its ReplicaSets, with the counts and conditions
 * {@code kubectl get deploy} and {@code kubectl rollout status} read: replicas (active pods),
 * updatedReplicas (those of the current template's ReplicaSet), readyReplicas, availableReplicas,
 * unavailableReplicas, observedGeneration, and the Available and Progressing conditions with
 * Kubernetes' reasons and messages, naming the current ReplicaSet. Condition times
 * move only when the condition changes, so an unchanged Deployment gets an identical status and
 * no write. Pure.
 */
public final class DeploymentStatuses {

    static final String AVAILABLE = "Available";
    static final String PROGRESSING = "Progressing";

    private DeploymentStatuses() {
    }

    public static DeploymentStatus compute(Deployment deployment, List<OwnedReplicaSet> owned, Instant now) {
        String hash = TemplateHash.of(deployment);
        int replicas = RolloutLimits.replicas(deployment);
        int minReadySeconds = Objects.requireNonNullElse(deployment.getSpec().getMinReadySeconds(), 0);
        OwnedReplicaSet current = RolloutPlanner.current(owned, hash);
        List<Pod> active = owned.stream().flatMap(o -> o.active().stream()).toList();
        int updated = current == null ? 0 : current.active().size();
        int ready = (int) active.stream().filter(PodStates::ready).count();
        int available = (int) active.stream().filter(p -> PodStates.available(p, minReadySeconds, now)).count();
        DeploymentStatus previous = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();

        DeploymentStatus status = new DeploymentStatus();
        status.setObservedGeneration(deployment.getMetadata().getGeneration());
        status.setReplicas(zeroAsNull(active.size()));
        status.setUpdatedReplicas(zeroAsNull(updated));
        status.setReadyReplicas(zeroAsNull(ready));
        status.setAvailableReplicas(zeroAsNull(available));
        status.setUnavailableReplicas(zeroAsNull(Math.max(0, Math.max(replicas, active.size()) - available)));
        status.setCollisionCount(previous.getCollisionCount());

        String replicaSet = current == null ? deployment.getMetadata().getName() + "-" + hash : current.name();
        boolean minimumAvailable = available >= replicas - RolloutLimits.of(deployment).maxUnavailable();
        List<DeploymentCondition> conditions = new ArrayList<>();
        conditions.add(condition(previous, AVAILABLE, minimumAvailable,
                minimumAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                minimumAvailable ? "Deployment has minimum availability." : "Deployment does not have minimum availability.",
                now, false));
        boolean complete = updated == replicas && active.size() == replicas && available == replicas;
        boolean progressed = !sameCounts(previous, status);
        DeploymentCondition progressing;
        if (complete) {
            progressing = condition(previous, PROGRESSING, true, "NewReplicaSetAvailable",
                    "ReplicaSet \"" + replicaSet + "\" has successfully progressed.", now, progressed);
        } else if (deadlinePassed(deployment, previous, now) && !progressed) {
            progressing = condition(previous, PROGRESSING, false, "ProgressDeadlineExceeded",
                    "ReplicaSet \"" + replicaSet + "\" has timed out progressing.", now, false);
        } else {
            progressing = condition(previous, PROGRESSING, true, "ReplicaSetUpdated",
                    "ReplicaSet \"" + replicaSet + "\" is progressing.", now, progressed);
        }
        conditions.add(progressing);
        status.setConditions(conditions);
        return status;
    }

    /**
     * How long until a rollout still in progress passes its {@code progressDeadlineSeconds} — the
     * moment no event will announce, when its Progressing condition must turn False with
     * ProgressDeadlineExceeded; empty when the rollout is complete, already failed or has no deadline.
     */
    public static Optional<Duration> untilDeadline(Deployment deployment, DeploymentStatus status, Instant now) {
        Integer deadline = deployment.getSpec().getProgressDeadlineSeconds();
        if (deadline == null || status.getConditions() == null) {
            return Optional.empty();
        }
        return status.getConditions().stream()
                .filter(c -> PROGRESSING.equals(c.getType()) && "True".equals(c.getStatus())
                             && !"NewReplicaSetAvailable".equals(c.getReason()))
                .findFirst().map(DeploymentCondition::getLastUpdateTime).map(DeploymentStatuses::instant)
                .map(since -> Duration.between(now, since.plusSeconds(deadline)))
                .map(left -> left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left.plusMillis(500));
    }

    /** Whether two statuses say the same: what decides a write. */
    public static boolean same(DeploymentStatus a, DeploymentStatus b) {
        return Objects.equals(a, b);
    }

    /**
     * The condition of this type, keeping the previous one's times when nothing about it changed;
     * {@code touched} moves its lastUpdateTime anyway (progress was made).
     */
    private static DeploymentCondition condition(DeploymentStatus previous, String type, boolean holds, String reason,
                                                 String message, Instant now, boolean touched) {
        String status = holds ? "True" : "False";
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        DeploymentCondition old = previous.getConditions() == null ? null
                : previous.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        DeploymentCondition condition = new DeploymentCondition();
        condition.setType(type);
        condition.setStatus(status);
        condition.setReason(reason);
        condition.setMessage(message);
        boolean sameStatus = old != null && status.equals(old.getStatus());
        boolean unchanged = sameStatus && reason.equals(old.getReason()) && message.equals(old.getMessage());
        condition.setLastTransitionTime(sameStatus ? old.getLastTransitionTime() : time);
        condition.setLastUpdateTime(unchanged && !touched ? old.getLastUpdateTime() : time);
        return condition;
    }

    /** Kubernetes' progress deadline: no progress for {@code progressDeadlineSeconds} since the last update. */
    private static boolean deadlinePassed(Deployment deployment, DeploymentStatus previous, Instant now) {
        Integer deadline = deployment.getSpec().getProgressDeadlineSeconds();
        if (deadline == null || previous.getConditions() == null) {
            return false;
        }
        return previous.getConditions().stream().filter(c -> PROGRESSING.equals(c.getType())).findFirst()
                .map(DeploymentCondition::getLastUpdateTime).map(DeploymentStatuses::instant)
                .map(since -> since != null && since.plusSeconds(deadline).isBefore(now)).orElse(false);
    }

    private static boolean sameCounts(DeploymentStatus a, DeploymentStatus b) {
        return Objects.equals(a.getReplicas(), b.getReplicas()) && Objects.equals(a.getUpdatedReplicas(), b.getUpdatedReplicas())
               && Objects.equals(a.getReadyReplicas(), b.getReadyReplicas())
               && Objects.equals(a.getAvailableReplicas(), b.getAvailableReplicas());
    }

    private static Integer zeroAsNull(int count) {
        // Go's omitempty: a cluster leaves zero counts out of the status.
        return count == 0 ? null : count;
    }

    private static Instant instant(String time) {
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException | NullPointerException e) {
            return null;
        }
    }
}
