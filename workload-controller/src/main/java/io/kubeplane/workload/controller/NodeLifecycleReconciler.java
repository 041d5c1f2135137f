package io.kubeplane.workload.controller;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubeplane.controller.EventRecorder;
import io.kubeplane.controller.Reconciler;
import io.kubeplane.informer.Indexer;
import io.kubeplane.model.KubernetesJson;
import io.kubeplane.workload.pods.PodStates;
import io.kubeplane.workload.nodes.NodeHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node lifecycle controller (node name keys): a node silent for longer than the grace period
 * (no Lease renewal in {@code kube-node-lease}, no status heartbeat) gets Ready=Unknown, reason
 * {@code NodeStatusUnknown}, and every pod on it Ready=False, so the endpoints controllers drop
 * them from their Services; a {@code NodeNotReady} Event says so on the node and on each pod. The
 * node agent sets both back when it is heard from again.
 */
final class NodeLifecycleReconciler implements Reconciler<String> {

    static final String LEASE_NAMESPACE = "kube-node-lease";

    private static final Logger log = LoggerFactory.getLogger(NodeLifecycleReconciler.class);
    private static final PatchContext STRATEGIC = PatchContext.of(PatchType.STRATEGIC_MERGE);

    private final Indexer<Node> nodes;
    private final Indexer<Lease> leases;
    private final Indexer<Pod> pods;
    private final KubernetesClient client;
    private final PodWrites writes;
    private final EventRecorder events;
    private final Clock clock;
    private final Duration gracePeriod;

    NodeLifecycleReconciler(Indexer<Node> nodes, Indexer<Lease> leases, Indexer<Pod> pods, KubernetesClient client,
                            EventRecorder events, Clock clock, Duration gracePeriod) {
        this.nodes = nodes;
        this.leases = leases;
        this.pods = pods;
        this.client = client;
        this.writes = new PodWrites(client);
        this.events = events;
        this.clock = clock;
        this.gracePeriod = gracePeriod;
    }

    @Override
    public Result reconcile(String name) {
        Node node = nodes.getByKey(name);
        if (node == null) {
            return Result.DONE;
        }
        NodeHealth health = NodeHealth.of(node, leases.get(LEASE_NAMESPACE, name), clock.instant(), gracePeriod);
        if (!health.silent()) {
            return Result.requeueAfter(health.recheckIn());
        }
        if (!NodeHealth.markedUnknown(node)) {
            log.info("Node {} silent since {} (grace period {}s): marking it NotReady", name, health.lastHeartbeat(),
                    gracePeriod.toSeconds());
            markUnknown(node);
            events.normal(node, "NodeNotReady", "Node " + name + " status is now: NodeNotReady");
        }
        markPodsNotReady(name);
        return Result.DONE;
    }

    private void markUnknown(Node node) {
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("type", "Ready");
        ready.put("status", "Unknown");
        ready.put("reason", NodeHealth.REASON);
        ready.put("message", NodeHealth.MESSAGE);
        ready.put("lastTransitionTime", now());
        try {
            client.nodes().withName(node.getMetadata().getName()).subresource("status").patch(STRATEGIC, KubernetesJson.write(
                    Map.of("metadata", Map.of("uid", node.getMetadata().getUid()),
                            "status", Map.of("conditions", List.of(ready)))));
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    private void markPodsNotReady(String node) {
        for (Pod pod : pods.byIndex(PodIndexes.BY_NODE, node)) {
            if (!PodStates.ready(pod)) {
                continue;
            }
            Map<String, Object> ready = new LinkedHashMap<>();
            ready.put("type", "Ready");
            ready.put("status", "False");
            ready.put("lastTransitionTime", now());
            ready.put("lastProbeTime", null);
            if (writes.setCondition(pod, ready)) {
                events.warning(pod, "NodeNotReady", "Node is not ready");
            }
        }
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
