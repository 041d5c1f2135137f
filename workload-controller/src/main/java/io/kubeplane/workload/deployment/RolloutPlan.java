package io.kubeplane.workload.deployment;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One reconcile's writes for a Deployment's ReplicaSets.
 *
 * @param createNew  the replicas to create the current template's ReplicaSet with; null when it
 *                   exists or must not be created yet
 * @param scale      ReplicaSets to scale, by name, to these replicas (in the order to write them)
 * @param delete     old ReplicaSets beyond {@code revisionHistoryLimit}, oldest revision first
 * @param recheckIn  when to look again though no event will come (a pod becoming available after
 *                   {@code minReadySeconds}); null when the next event is enough
 */
public record RolloutPlan(@Nullable Integer createNew, Map<String, Integer> scale, List<String> delete,
                          @Nullable Duration recheckIn) {

    public RolloutPlan {
        scale = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scale));
        delete = List.copyOf(delete);
    }

    static RolloutPlan nothing(@Nullable Duration recheckIn) {
        return new RolloutPlan(null, Map.of(), List.of(), recheckIn);
    }

    static RolloutPlan create(int replicas, @Nullable Duration recheckIn) {
        return new RolloutPlan(replicas, Map.of(), List.of(), recheckIn);
    }

    static RolloutPlan scale(Map<String, Integer> scale, @Nullable Duration recheckIn) {
        return new RolloutPlan(null, scale, List.of(), recheckIn);
    }

    public boolean nothingToDo() {
        return createNew == null && scale.isEmpty() && delete.isEmpty();
    }
}
