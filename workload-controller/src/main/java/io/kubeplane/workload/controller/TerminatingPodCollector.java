package io.kubeplane.workload.controller;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeplane.controller.Reconciler;
import io.kubeplane.informer.Indexer;
import io.kubeplane.workload.nodes.NodeHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of Kubernetes' pod garbage collector a cluster without a kubelet on every node needs
 * ({@code namespace/name} pod keys): a pod being deleted gracefully is finished by its node's agent;
 * when its node no longer exists, or is not Ready once the grace period is over, nobody will, so
 * the pod is removed at once (grace period 0).
 */
final class TerminatingPodCollector implements Reconciler<String> {

    private static final Logger log = LoggerFactory.getLogger(TerminatingPodCollector.class);

    private final Indexer<Pod> pods;
    private final Indexer<Node> nodes;
    private final PodWrites writes;
    private final Clock clock;

    TerminatingPodCollector(Indexer<Pod> pods, Indexer<Node> nodes, PodWrites writes, Clock clock) {
        this.pods = pods;
        this.nodes = nodes;
        this.writes = writes;
        this.clock = clock;
    }

    static boolean terminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    @Override
    public Result reconcile(String key) {
        Pod pod = pods.getByKey(key);
        if (pod == null || !terminating(pod)) {
            return Result.DONE;
        }
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        Node node = nodeName == null || nodeName.isEmpty() ? null : nodes.getByKey(nodeName);
        if (node != null && NodeHealth.ready(node)) {
            return Result.DONE; // the node's agent finishes it; a node change brings the key back
        }
        Instant graceOver = Instant.parse(pod.getMetadata().getDeletionTimestamp());
        Instant now = clock.instant();
        if (node != null && now.isBefore(graceOver)) {
            return Result.requeueAfter(Duration.between(now, graceOver));
        }
        log.info("Pod {} is terminating on {} node {}: deleting it now", key, node == null ? "missing" : "NotReady", nodeName);
        writes.forceDelete(pod);
        return Result.DONE;
    }
}
