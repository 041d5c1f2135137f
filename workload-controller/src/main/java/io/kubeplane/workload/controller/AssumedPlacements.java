package io.kubeplane.workload.controller;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeplane.informer.Indexer;
import io.kubeplane.workload.pods.PodStates;
import io.kubeplane.workload.scheduling.Placement;
import io.kubeplane.workload.scheduling.PodPlacer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's view of where pods are: the pods the cache shows bound to each node plus those
 * it has bound and the cache does not show yet (kube-scheduler's "assumed" pods). Without them a
 * burst of pods would all be counted against the same stale numbers and land on one node.
 * Choosing and assuming happen under one lock, so two workers never both take the last
 * "emptiest" slot. Thread-safe.
 */
final class AssumedPlacements {

    private final Indexer<Pod> pods;
    private final Map<String, String> assumed = new HashMap<>();

    AssumedPlacements(Indexer<Pod> pods) {
        this.pods = pods;
    }

    /** Chooses a node for the pod and, if one fits, counts the pod on it until the cache shows the binding. */
    synchronized Placement placeAndAssume(Pod pod, List<Node> nodes) {
        Map<String, Integer> assumedPerNode = new HashMap<>();
        assumed.values().forEach(node -> assumedPerNode.merge(node, 1, Integer::sum));
        Placement placement = PodPlacer.place(pod, nodes, node -> (int) pods.byIndex(PodIndexes.BY_NODE, node).stream()
                .filter(PodStates::active).count() + assumedPerNode.getOrDefault(node, 0));
        if (placement.placed()) {
            assumed.put(PodIndexes.key(pod), placement.node());
        }
        return placement;
    }

    /** The binding failed or is now in the cache: stop counting it separately. */
    synchronized void forget(String podKey) {
        assumed.remove(podKey);
    }
}
