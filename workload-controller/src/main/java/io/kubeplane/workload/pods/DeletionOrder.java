package io.kubeplane.workload.pods;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which pods a scale-down removes first, Kubernetes' {@code ActivePods} ranking: unscheduled before
 * scheduled, Pending before Running, not ready before ready, ready for less time before ready for
 * longer, and the newest before the oldest — so the pods serving traffic longest stay. Pure.
 */
public final class DeletionOrder {

    private static final Map<String, Integer> PHASE_RANK = Map.of("Pending", 0, "Unknown", 1, "Running", 2);

    /** A pod's place in the order, read once: a Deployment of thousands is ranked on every reconcile. */
    private record Rank(Pod pod, boolean scheduled, int phase, boolean ready, Instant readySince, String created,
                        String name) {

        static Rank of(Pod pod) {
            return new Rank(pod, PodStates.scheduled(pod), PHASE_RANK.getOrDefault(PodStates.phase(pod), 2),
                    PodStates.ready(pod), PodStates.readySince(pod).orElse(null),
                    pod.getMetadata().getCreationTimestamp(), pod.getMetadata().getName());
        }
    }

    private static final Comparator<Rank> FIRST_TO_GO = Comparator
            .comparing(Rank::scheduled)
            .thenComparingInt(Rank::phase)
            .thenComparing(Rank::ready)
            .thenComparing(Rank::readySince, Comparator.nullsLast(Comparator.reverseOrder()))
            // RFC 3339 timestamps at one precision order as their text does.
            .thenComparing(Rank::created, Comparator.nullsFirst(Comparator.reverseOrder()))
            .thenComparing(Rank::name);

    private DeletionOrder() {
    }

    /** The first {@code count} of {@code pods} in deletion order. */
    public static List<Pod> firstToGo(List<Pod> pods, int count) {
        if (count <= 0) {
            return List.of();
        }
        return pods.stream().map(Rank::of).sorted(FIRST_TO_GO).limit(count).map(Rank::pod).toList();
    }

    /** All of {@code pods}, in deletion order. */
    public static List<Pod> ranked(List<Pod> pods) {
        return firstToGo(pods, pods.size());
    }
}
