package io.kubeplane.workload.scheduling;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * kubeplane's scheduler decision: among the nodes that fit the pod ({@link NodeFit}), the one with
 * the fewest pods, ties broken by name, which spreads a Deployment's pods evenly. When none fits,
 * kube-scheduler's summary of why: {@code 0/3 nodes are available: 1 node(s) were not ready, 2
 * node(s) didn't match Pod's node affinity/selector.} Pure.
 */
public final class PodPlacer {

    private PodPlacer() {
    }

    /**
     * @param podsOnNode how many pods each node already has
     */
    public static Placement place(Pod pod, List<Node> nodes, ToIntFunction<String> podsOnNode) {
        Map<String, Integer> misfits = new TreeMap<>();
        Optional<Node> best = nodes.stream()
                .filter(node -> {
                    Optional<String> misfit = NodeFit.misfit(node, pod);
                    misfit.ifPresent(reason -> misfits.merge(reason, 1, Integer::sum));
                    return misfit.isEmpty();
                })
                .min(Comparator.comparingInt((Node n) -> podsOnNode.applyAsInt(n.getMetadata().getName()))
                        .thenComparing(n -> n.getMetadata().getName()));
        if (best.isPresent()) {
            return Placement.on(best.get().getMetadata().getName());
        }
        StringBuilder message = new StringBuilder("0/" + nodes.size() + " nodes are available");
        if (nodes.isEmpty()) {
            message.append(": no nodes available to schedule pods");
        } else {
            StringBuilder reasons = new StringBuilder();
            misfits.forEach((reason, count) -> reasons.append(reasons.isEmpty() ? "" : ", ").append(count).append(' ').append(reason));
            message.append(": ").append(reasons).append('.');
        }
        return new Placement(null, message.toString());
    }
}
