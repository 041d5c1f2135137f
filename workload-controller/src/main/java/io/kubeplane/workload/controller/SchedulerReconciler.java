package io.kubeplane.workload.controller;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeplane.controller.EventRecorder;
import io.kubeplane.controller.Reconciler;
import io.kubeplane.informer.Indexer;
import io.kubeplane.workload.pods.PodStates;
import io.kubeplane.workload.scheduling.Placement;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * kubeplane's kube-scheduler: binds each unscheduled pod ({@code namespace/name} keys) whose
 * {@code schedulerName} is {@code default-scheduler} to the node {@link AssumedPlacements} chooses,
 * with a {@code Scheduled} Event; when no node fits, the pod stays Pending with condition
 * PodScheduled=False, reason Unschedulable, and a {@code FailedScheduling} Event saying why, and
 * is tried again when a node changes.
 */
final class SchedulerReconciler implements Reconciler<String> {

    static final String DEFAULT_SCHEDULER = "default-scheduler";
    /** A pod that fits nowhere is retried at least this often, in case no node event comes. */
    private static final Duration RETRY_UNSCHEDULABLE = Duration.ofSeconds(30);

    private final Indexer<Pod> pods;
    private final Indexer<Node> nodes;
    private final AssumedPlacements placements;
    private final PodWrites writes;
    private final EventRecorder events;
    private final Clock clock;

    SchedulerReconciler(Indexer<Pod> pods, Indexer<Node> nodes, AssumedPlacements placements, PodWrites writes,
                        EventRecorder events, Clock clock) {
        this.pods = pods;
        this.nodes = nodes;
        this.placements = placements;
        this.writes = writes;
        this.events = events;
        this.clock = clock;
    }

    /** Whether this scheduler should place the pod: unbound, not being deleted, and asking for it. */
    static boolean wantsScheduling(Pod pod) {
        String scheduler = pod.getSpec() == null ? null : pod.getSpec().getSchedulerName();
        return !PodStates.scheduled(pod) && PodStates.active(pod)
               && (scheduler == null || scheduler.isEmpty() || DEFAULT_SCHEDULER.equals(scheduler));
    }

    @Override
    public Result reconcile(String key) throws IOException {
        Pod pod = pods.getByKey(key);
        if (pod == null || !wantsScheduling(pod)) {
            placements.forget(key);
            return Result.DONE;
        }
        Placement placement = placements.placeAndAssume(pod, nodes.list());
        if (!placement.placed()) {
            markUnschedulable(pod, placement.message());
            return Result.requeueAfter(RETRY_UNSCHEDULABLE);
        }
        boolean bound;
        try {
            bound = writes.bind(pod, placement.node());
        } catch (IOException | RuntimeException e) {
            placements.forget(key);
            throw e;
        }
        if (!bound) {
            placements.forget(key); // gone, or bound by someone else: the cache will say which
            return Result.DONE;
        }
        String message = "Successfully assigned " + key + " to " + placement.node();
        // Events are best effort and must not slow a burst of bindings down.
        Thread.ofVirtual().start(() -> events.normal(pod, "Scheduled", message));
        return Result.DONE;
    }

    private void markUnschedulable(Pod pod, String message) {
        boolean already = pod.getStatus() != null && pod.getStatus().getConditions() != null
                          && pod.getStatus().getConditions().stream().anyMatch(c -> "PodScheduled".equals(c.getType())
                                  && "False".equals(c.getStatus()) && message.equals(c.getMessage()));
        if (already) {
            return;
        }
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "PodScheduled");
        condition.put("status", "False");
        condition.put("reason", "Unschedulable");
        condition.put("message", message);
        condition.put("lastTransitionTime", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        condition.put("lastProbeTime", null);
        writes.setCondition(pod, condition);
        events.warning(pod, "FailedScheduling", message);
    }
}
