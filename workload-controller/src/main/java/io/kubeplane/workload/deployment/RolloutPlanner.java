package io.kubeplane.workload.deployment;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a Deployment's pods should become next, the decisions of Kubernetes' Deployment and
 * ReplicaSet controllers folded into one step (kubeplane keeps no ReplicaSets: a pod's
 * {@code pod-template-hash} label says which template it was made from).
 *
 * <ul>
 *   <li>No old pods: create or delete pods of the current template until there are {@code replicas}.</li>
 *   <li>RollingUpdate: create new pods while the total stays within {@code replicas + maxSurge};
 *       delete old pods — unavailable ones first — only while at least
 *       {@code replicas - maxUnavailable} pods stay available.</li>
 *   <li>Recreate: delete every old pod, and create new ones only once none is left, not even
 *       terminating.</li>
 * </ul>
 *
 * Pure: the same Deployment, pods and time give the same plan.
 */
public final class RolloutPlanner {

    private RolloutPlanner() {
    }

    /**
     * @param owned every pod the Deployment controls, terminating and finished ones included
     */
    public static RolloutPlan plan(Deployment deployment, List<Pod> owned, Instant now) {
        String hash = TemplateHash.of(deployment.getSpec().getTemplate());
        int replicas = RolloutLimits.replicas(deployment);
        int minReadySeconds = Objects.requireNonNullElse(deployment.getSpec().getMinReadySeconds(), 0);
        List<Pod> active = owned.stream().filter(PodStates::active).toList();
        List<Pod> current = active.stream().filter(p -> hash.equals(hashOf(p))).toList();
        List<Pod> old = active.stream().filter(p -> !hash.equals(hashOf(p))).toList();
        Duration recheck = recheck(active, minReadySeconds, now);

        if (recreate(deployment)) {
            if (!old.isEmpty()) {
                return new RolloutPlan(0, DeletionOrder.ranked(old), recheck);
            }
            boolean oldStillTerminating = owned.stream().anyMatch(p -> !hash.equals(hashOf(p)) && !PodStates.active(p)
                                                                       && p.getMetadata().getDeletionTimestamp() != null);
            return oldStillTerminating ? new RolloutPlan(0, List.of(), recheck) : scale(current, replicas, recheck);
        }
        if (old.isEmpty()) {
            return scale(current, replicas, recheck);
        }
        RolloutLimits limits = RolloutLimits.of(deployment);
        int total = active.size();
        int create = Math.max(0, Math.min(replicas - current.size(), replicas + limits.maxSurge() - total));

        List<Pod> delete = new ArrayList<>();
        if (current.size() > replicas) {
            // Scaled down mid-rollout: the surplus of new pods goes like any surplus.
            delete.addAll(DeletionOrder.firstToGo(current, current.size() - replicas));
        }
        int minAvailable = replicas - limits.maxUnavailable();
        long currentUnavailable = current.stream().filter(p -> !PodStates.available(p, minReadySeconds, now)).count();
        long maxScaledDown = total - minAvailable - currentUnavailable;
        if (maxScaledDown > 0) {
            List<Pod> unavailableOld = DeletionOrder.ranked(
                    old.stream().filter(p -> !PodStates.available(p, minReadySeconds, now)).toList());
            List<Pod> availableOld = DeletionOrder.ranked(
                    old.stream().filter(p -> PodStates.available(p, minReadySeconds, now)).toList());
            int fromUnavailable = (int) Math.min(unavailableOld.size(), maxScaledDown);
            delete.addAll(unavailableOld.subList(0, fromUnavailable));
            long available = active.stream().filter(p -> PodStates.available(p, minReadySeconds, now)).count();
            long fromAvailable = Math.min(Math.min(maxScaledDown - fromUnavailable, available - minAvailable), availableOld.size());
            if (fromAvailable > 0) {
                delete.addAll(availableOld.subList(0, (int) fromAvailable));
            }
        }
        return new RolloutPlan(create, delete, recheck);
    }

    private static boolean recreate(Deployment deployment) {
        return deployment.getSpec().getStrategy() != null && "Recreate".equals(deployment.getSpec().getStrategy().getType());
    }

    /** The {@code pod-template-hash} a pod was made with. */
    public static String hashOf(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? null : labels.get(PodFactory.TEMPLATE_HASH_LABEL);
    }

    private static RolloutPlan scale(List<Pod> current, int replicas, Duration recheck) {
        if (current.size() < replicas) {
            return new RolloutPlan(replicas - current.size(), List.of(), recheck);
        }
        return new RolloutPlan(0, DeletionOrder.firstToGo(current, current.size() - replicas), recheck);
    }

    private static Duration recheck(List<Pod> active, int minReadySeconds, Instant now) {
        return active.stream().map(p -> PodStates.untilAvailable(p, minReadySeconds, now))
                .flatMap(java.util.Optional::stream).min(Comparator.naturalOrder()).orElse(null);
    }
}
