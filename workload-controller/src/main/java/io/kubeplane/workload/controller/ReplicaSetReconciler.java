package io.kubeplane.workload.controller;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubeplane.controller.EventRecorder;
import io.kubeplane.controller.Reconciler;
import io.kubeplane.controller.WriteTracker;
import io.kubeplane.informer.Indexer;
import io.kubeplane.model.KubernetesJson;
import io.kubeplane.selector.LabelSelector;
import io.kubeplane.workload.pods.PodStates;
import io.kubeplane.workload.replicaset.PodFactory;
import io.kubeplane.workload.replicaset.ReplicaSetPlan;
import io.kubeplane.workload.replicaset.ReplicaSetStatuses;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps one ReplicaSet's pods ({@code namespace/name} keys), Kubernetes' ReplicaSet controller:
 * claims its pods ({@link Claims}), creates the missing ones from its template and deletes the
 * surplus ({@link ReplicaSetPlan}), recording SuccessfulCreate and SuccessfulDelete events, and
 * writes the status {@link ReplicaSetStatuses} computes when it differs. Creations go in
 * slow-start batches (1, 2, 4, ...), so a quota or an outage costs one failed request, not a
 * thousand. Until the cache shows what it wrote, a reconcile waits rather than create twice.
 */
final class ReplicaSetReconciler implements Reconciler<String> {

    private static final Logger log = LoggerFactory.getLogger(ReplicaSetReconciler.class);
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
    private static final List<String> COUNTS = List.of("fullyLabeledReplicas", "readyReplicas", "availableReplicas");

    private final Indexer<ReplicaSet> replicaSets;
    private final Indexer<Pod> pods;
    private final KubernetesClient client;
    private final PodWrites writes;
    private final EventRecorder events;
    private final WriteTracker tracker;
    private final Clock clock;
    private final RandomGenerator random = RandomGenerator.getDefault();

    ReplicaSetReconciler(Indexer<ReplicaSet> replicaSets, Indexer<Pod> pods, KubernetesClient client, EventRecorder events,
                         Clock clock) {
        this.replicaSets = replicaSets;
        this.pods = pods;
        this.client = client;
        this.writes = new PodWrites(client);
        this.events = events;
        this.tracker = new WriteTracker(clock);
        this.clock = clock;
    }

    @Override
    public Result reconcile(String key) {
        ReplicaSet replicaSet = replicaSets.getByKey(key);
        if (replicaSet == null) {
            return Result.DONE; // its pods go with it: the garbage collector follows their owner references
        }
        List<Pod> owned = pods.byIndex(PodIndexes.BY_CONTROLLER, replicaSet.getMetadata().getUid());
        Result wait = tracker.waitIfBehind(key, owned);
        if (wait != null) {
            return wait;
        }
        LabelSelector selector = LabelSelector.from(replicaSet.getSpec().getSelector());
        Claims<Pod> claims = Claims.of(replicaSet, selector, owned,
                pods.byIndex(PodIndexes.ADOPTABLE, replicaSet.getMetadata().getNamespace()), PodStates::active);
        if (!claims.nothingToDo()) {
            claims.apply(key, tracker, this::patchPod);
            return Result.DONE; // the patched pods come back as events, which bring the key back
        }
        ReplicaSetPlan plan = replicaSet.getMetadata().getDeletionTimestamp() != null ? new ReplicaSetPlan(0, List.of())
                : ReplicaSetPlan.of(replicaSet, owned);
        if (!plan.nothingToDo()) {
            execute(key, replicaSet, plan);
            return Result.DONE;
        }
        writeStatus(replicaSet, owned);
        return ReplicaSetStatuses.recheck(replicaSet, owned, clock.instant()).map(Result::requeueAfter).orElse(Result.DONE);
    }

    private @Nullable Pod patchPod(Pod pod, String patch) {
        try {
            return client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .patch(MERGE, patch);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 && e.getCode() != 409) {
                throw e;
            }
            return null;
        }
    }

    private void execute(String key, ReplicaSet replicaSet, ReplicaSetPlan plan) {
        List<Pod> created = create(replicaSet, plan.create());
        Set<String> deleted = new HashSet<>();
        for (Pod pod : plan.delete()) {
            try {
                writes.delete(pod);
                deleted.add(pod.getMetadata().getName());
                events.normal(replicaSet, "SuccessfulDelete", "Deleted pod: " + pod.getMetadata().getName());
            } catch (KubernetesClientException e) {
                log.warn("ReplicaSet {}: deleting pod {} failed: {}", key, pod.getMetadata().getName(), e.getMessage());
            }
        }
        tracker.wrote(key, created, deleted);
        if (created.size() < plan.create()) {
            throw new IllegalStateException("created " + created.size() + " of " + plan.create() + " pods");
        }
    }

    private List<Pod> create(ReplicaSet replicaSet, int count) {
        ConcurrentLinkedQueue<Pod> created = new ConcurrentLinkedQueue<>();
        int remaining = count;
        int batch = 1;
        while (remaining > 0) {
            int size = Math.min(batch, remaining);
            List<Thread> threads = new ArrayList<>();
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < size; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    Pod pod = PodFactory.newPod(replicaSet, random);
                    try {
                        created.add(writes.create(pod));
                        events.normal(replicaSet, "SuccessfulCreate", "Created pod: " + pod.getMetadata().getName());
                    } catch (KubernetesClientException e) {
                        failures.add(e.getMessage());
                        log.warn("ReplicaSet {}/{}: creating pod {} failed: {}", replicaSet.getMetadata().getNamespace(),
                                replicaSet.getMetadata().getName(), pod.getMetadata().getName(), e.getMessage());
                    }
                }));
            }
            for (Thread thread : threads) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return List.copyOf(created);
                }
            }
            if (!failures.isEmpty()) {
                events.warning(replicaSet, "FailedCreate", "Error creating: " + failures.getFirst());
                break;
            }
            remaining -= size;
            batch *= 2;
        }
        return List.copyOf(created);
    }

    private void writeStatus(ReplicaSet replicaSet, List<Pod> owned) {
        ReplicaSetStatus status = ReplicaSetStatuses.compute(replicaSet, owned, clock.instant());
        if (Objects.equals(replicaSet.getStatus(), status)) {
            return;
        }
        try {
            client.apps().replicaSets().inNamespace(replicaSet.getMetadata().getNamespace())
                    .withName(replicaSet.getMetadata().getName()).subresource("status")
                    .patch(MERGE, StatusPatch.of(replicaSet.getMetadata().getUid(), status, COUNTS));
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }
}
