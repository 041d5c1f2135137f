package io.kubeplane.workload.deployment;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.Map;

/**
 * Which pods a scale-down removes first, Kubernetes' {@code ActivePods} ranking: unscheduled before
 * scheduled, Pending before Running, not ready before ready, ready for less time before ready for
 * longer, and the newest before the oldest — so the pods serving traffic longest stay. Pure.
 */
public final class DeletionOrder {

    private static final Map<String, Integer> PHASE_RANK = Map.of("Pending", 0, "Unknown", 1, "Running", 2);

    /** First in the order, first deleted. */
    public static final Comparator<Pod> FIRST_TO_GO = Comparator
            .comparing((Pod p) -> PodStates.scheduled(p))
            .thenComparing(p -> PHASE_RANK.getOrDefault(PodStates.phase(p), 2))
            .thenComparing(PodStates::ready)
            .thenComparing((Pod p) -> PodStates.readySince(p).orElse(null), Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing((Pod p) -> p.getMetadata().getCreationTimestamp(), Comparator.nullsFirst(Comparator.reverseOrder()))
            .thenComparing(p -> p.getMetadata().getName());

    private DeletionOrder() {
    }
}
