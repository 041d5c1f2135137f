package io.kubeplane.workload.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kubeplane.workload.pods.PodStates;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The next step of a Deployment's rollout over its ReplicaSets, Kubernetes' Deployment controller
 * one sync at a time (each step is written, and its events bring the next):
 *
 * <ul>
 *   <li>RollingUpdate ({@code rolloutRolling}): create the current template's ReplicaSet if it is
 *       missing; else scale it up while all ReplicaSets together stay within
 *       {@code replicas + maxSurge} ({@code reconcileNewReplicaSet}); else scale old ReplicaSets
 *       down — unhealthy pods first — only while {@code replicas - maxUnavailable} pods stay
 *       available ({@code reconcileOldReplicaSets}).</li>
 *   <li>Recreate ({@code rolloutRecreate}): scale every old ReplicaSet to zero, wait until none of
 *       their pods runs, then create or scale up the new one.</li>
 *   <li>Paused: only a scaling of the current ReplicaSet, when it is the only one with replicas.</li>
 *   <li>Once complete, old ReplicaSets with nothing left beyond {@code revisionHistoryLimit} go.</li>
 * </ul>
 *
 * Pure: the same Deployment, ReplicaSets, pods and time give the same plan.
 */
public final class RolloutPlanner {

    private RolloutPlanner() {
    }

    /**
     * @param owned every ReplicaSet the Deployment controls, each with every pod it controls
     */
    public static RolloutPlan plan(Deployment deployment, List<OwnedReplicaSet> owned, Instant now) {
        String hash = TemplateHash.of(deployment);
        int replicas = RolloutLimits.replicas(deployment);
        int minReadySeconds = Objects.requireNonNullElse(deployment.getSpec().getMinReadySeconds(), 0);
        OwnedReplicaSet current = current(owned, hash);
        List<OwnedReplicaSet> old = owned.stream().filter(o -> o != current).sorted(OwnedReplicaSet.OLDEST_FIRST).toList();
        Duration recheck = recheck(owned, minReadySeconds, now);

        if (Boolean.TRUE.equals(deployment.getSpec().getPaused())) {
            boolean onlyCurrent = current != null && old.stream().allMatch(o -> o.specReplicas() == 0);
            return onlyCurrent && current.specReplicas() != replicas
                    ? RolloutPlan.scale(Map.of(current.name(), replicas), recheck) : RolloutPlan.nothing(recheck);
        }
        RolloutPlan step = recreate(deployment) ? recreate(current, old, replicas, recheck)
                : rolling(deployment, current, old, replicas, minReadySeconds, now, recheck);
        if (!step.nothingToDo()) {
            return step;
        }
        return new RolloutPlan(null, Map.of(), cleanup(deployment, current, old, replicas, minReadySeconds, now), recheck);
    }

    /** The ReplicaSet of the current template: its hash label matches; the oldest, should there be two. */
    public static @Nullable OwnedReplicaSet current(List<OwnedReplicaSet> owned, String hash) {
        return owned.stream().filter(o -> hash.equals(o.hash())).min(OwnedReplicaSet.OLDEST_FIRST).orElse(null);
    }

    private static RolloutPlan rolling(Deployment deployment, @Nullable OwnedReplicaSet current, List<OwnedReplicaSet> old,
                                       int replicas, int minReadySeconds, Instant now, @Nullable Duration recheck) {
        RolloutLimits limits = RolloutLimits.of(deployment);
        int oldReplicas = old.stream().mapToInt(OwnedReplicaSet::specReplicas).sum();
        if (current == null) {
            // NewRSNewReplicas: as many as the surge allows now, the rest as old ones go.
            return RolloutPlan.create(Math.max(0, Math.min(replicas + limits.maxSurge() - oldReplicas, replicas)), recheck);
        }
        int newReplicas = current.specReplicas();
        if (newReplicas > replicas) {
            return RolloutPlan.scale(Map.of(current.name(), replicas), recheck);
        }
        if (newReplicas < replicas) {
            int total = oldReplicas + newReplicas;
            int maxTotal = replicas + limits.maxSurge();
            if (total < maxTotal) {
                return RolloutPlan.scale(Map.of(current.name(), newReplicas + Math.min(maxTotal - total, replicas - newReplicas)),
                        recheck);
            }
        }
        if (oldReplicas == 0) {
            return RolloutPlan.nothing(recheck);
        }
        int minAvailable = replicas - limits.maxUnavailable();
        int newUnavailable = Math.max(0, newReplicas - current.available(minReadySeconds, now));
        int maxScaledDown = oldReplicas + newReplicas - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return RolloutPlan.nothing(recheck);
        }
        Map<String, Integer> scale = new LinkedHashMap<>();
        // cleanupUnhealthyReplicas: pods that serve nothing go first, without waiting for new ones.
        int cleaned = 0;
        for (OwnedReplicaSet set : old) {
            if (cleaned >= maxScaledDown) {
                break;
            }
            int unhealthy = set.specReplicas() - set.available(minReadySeconds, now);
            if (set.specReplicas() == 0 || unhealthy <= 0) {
                continue;
            }
            int down = Math.min(maxScaledDown - cleaned, unhealthy);
            scale.put(set.name(), set.specReplicas() - down);
            cleaned += down;
        }
        // scaleDownOldReplicaSetsForRollingUpdate: then available ones, as long as enough stay available.
        int available = current.available(minReadySeconds, now)
                        + old.stream().mapToInt(o -> o.available(minReadySeconds, now)).sum();
        int canGo = available - minAvailable;
        for (OwnedReplicaSet set : old) {
            if (canGo <= 0) {
                break;
            }
            int remaining = scale.getOrDefault(set.name(), set.specReplicas());
            if (remaining == 0) {
                continue;
            }
            int down = Math.min(remaining, canGo);
            scale.put(set.name(), remaining - down);
            canGo -= down;
        }
        return RolloutPlan.scale(scale, recheck);
    }

    private static RolloutPlan recreate(@Nullable OwnedReplicaSet current, List<OwnedReplicaSet> old, int replicas,
                                        @Nullable Duration recheck) {
        Map<String, Integer> scaleDown = new LinkedHashMap<>();
        old.stream().filter(o -> o.specReplicas() > 0).forEach(o -> scaleDown.put(o.name(), 0));
        if (!scaleDown.isEmpty()) {
            return RolloutPlan.scale(scaleDown, recheck);
        }
        if (old.stream().anyMatch(OwnedReplicaSet::podsRunning)) {
            return RolloutPlan.nothing(recheck);
        }
        if (current == null) {
            return RolloutPlan.create(replicas, recheck);
        }
        return current.specReplicas() == replicas ? RolloutPlan.nothing(recheck)
                : RolloutPlan.scale(Map.of(current.name(), replicas), recheck);
    }

    /**
     * {@code cleanupDeployment}: once the rollout is complete, old ReplicaSets at zero with no pod
     * left, oldest revision first, beyond the {@code revisionHistoryLimit} (default 10) newest.
     */
    private static List<String> cleanup(Deployment deployment, @Nullable OwnedReplicaSet current, List<OwnedReplicaSet> old,
                                        int replicas, int minReadySeconds, Instant now) {
        boolean complete = current != null && current.specReplicas() == replicas
                           && current.available(minReadySeconds, now) == replicas
                           && old.stream().allMatch(o -> o.specReplicas() == 0);
        if (!complete) {
            return List.of();
        }
        int limit = Objects.requireNonNullElse(deployment.getSpec().getRevisionHistoryLimit(), 10);
        List<OwnedReplicaSet> idle = old.stream().filter(o -> o.specReplicas() == 0 && o.pods().isEmpty())
                .sorted(Comparator.comparingLong(OwnedReplicaSet::revision).thenComparing(OwnedReplicaSet.OLDEST_FIRST))
                .toList();
        int excess = old.size() - limit;
        return idle.stream().limit(Math.max(0, excess)).map(OwnedReplicaSet::name).toList();
    }

    private static boolean recreate(Deployment deployment) {
        return deployment.getSpec().getStrategy() != null && "Recreate".equals(deployment.getSpec().getStrategy().getType());
    }

    private static @Nullable Duration recheck(List<OwnedReplicaSet> owned, int minReadySeconds, Instant now) {
        return owned.stream().flatMap(o -> o.active().stream()).map(p -> PodStates.untilAvailable(p, minReadySeconds, now))
                .flatMap(Optional::stream).min(Comparator.naturalOrder()).orElse(null);
    }
}
