package io.kubeplane.workload.controller;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubeplane.controller.EventRecorder;
import io.kubeplane.controller.Reconciler;
import io.kubeplane.controller.WriteTracker;
import io.kubeplane.informer.Indexer;
import io.kubeplane.model.KubernetesJson;
import io.kubeplane.workload.deployment.DeploymentStatuses;
import io.kubeplane.workload.deployment.PodFactory;
import io.kubeplane.workload.deployment.PodStates;
import io.kubeplane.workload.deployment.RolloutPlan;
import io.kubeplane.workload.deployment.RolloutPlanner;
import io.kubeplane.workload.deployment.TemplateHash;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps one Deployment's pods ({@code namespace/name} keys): plans from the informer caches with
 * {@link RolloutPlanner}, creates and deletes pods, and writes the status {@link DeploymentStatuses}
 * computes when it differs from the stored one. Creations go in slow-start batches (1, 2, 4, ...),
 * as the ReplicaSet controller sends them, so a quota or an outage costs one failed request, not a
 * thousand. Until the cache shows what it wrote, a reconcile waits rather than create twice.
 */
final class DeploymentReconciler implements Reconciler<String> {

    private static final Logger log = LoggerFactory.getLogger(DeploymentReconciler.class);
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
    private static final List<String> COUNTS = List.of("replicas", "updatedReplicas", "readyReplicas",
            "availableReplicas", "unavailableReplicas");

    private final Indexer<Deployment> deployments;
    private final Indexer<Pod> pods;
    private final KubernetesClient client;
    private final PodWrites writes;
    private final EventRecorder events;
    private final WriteTracker tracker;
    private final Clock clock;
    private final RandomGenerator random = RandomGenerator.getDefault();

    DeploymentReconciler(Indexer<Deployment> deployments, Indexer<Pod> pods, KubernetesClient client, EventRecorder events,
                         Clock clock) {
        this.deployments = deployments;
        this.pods = pods;
        this.client = client;
        this.writes = new PodWrites(client);
        this.events = events;
        this.tracker = new WriteTracker(clock);
        this.clock = clock;
    }

    @Override
    public Result reconcile(String key) {
        Deployment deployment = deployments.getByKey(key);
        if (deployment == null) {
            return Result.DONE; // its pods go with it: the garbage collector follows their owner references
        }
        List<Pod> owned = pods.byIndex(PodIndexes.BY_CONTROLLER, deployment.getMetadata().getUid());
        Result wait = tracker.waitIfBehind(key, owned.stream().filter(PodStates::active).toList());
        if (wait != null) {
            return wait;
        }
        RolloutPlan plan = Boolean.TRUE.equals(deployment.getSpec().getPaused())
                ? new RolloutPlan(0, List.of(), null) : RolloutPlanner.plan(deployment, owned, clock.instant());
        if (!plan.nothingToDo()) {
            execute(key, deployment, owned, plan);
            return Result.DONE; // the writes come back as pod events, which bring the key back
        }
        writeStatus(deployment, owned);
        return plan.recheckIn() == null ? Result.DONE : Result.requeueAfter(plan.recheckIn());
    }

    private void execute(String key, Deployment deployment, List<Pod> owned, RolloutPlan plan) {
        String hash = TemplateHash.of(deployment.getSpec().getTemplate());
        List<Pod> created = create(deployment, hash, plan.create());
        Set<String> deleted = new HashSet<>();
        for (Pod pod : plan.delete()) {
            try {
                writes.delete(pod);
                deleted.add(pod.getMetadata().getName());
            } catch (KubernetesClientException e) {
                log.warn("Deployment {}: deleting pod {} failed: {}", key, pod.getMetadata().getName(), e.getMessage());
            }
        }
        tracker.wrote(key, created, deleted);
        recordScaling(deployment, hash, owned, created.size(), plan.delete());
        if (created.size() < plan.create()) {
            throw new IllegalStateException("created " + created.size() + " of " + plan.create() + " pods");
        }
    }

    private List<Pod> create(Deployment deployment, String hash, int count) {
        ConcurrentLinkedQueue<Pod> created = new ConcurrentLinkedQueue<>();
        int remaining = count;
        int batch = 1;
        while (remaining > 0) {
            int size = Math.min(batch, remaining);
            List<Thread> threads = new ArrayList<>();
            List<Pod> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < size; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    Pod pod = PodFactory.newPod(deployment, hash, random);
                    try {
                        created.add(writes.create(pod));
                    } catch (KubernetesClientException e) {
                        failures.add(pod);
                        log.warn("Deployment {}/{}: creating pod {} failed: {}", deployment.getMetadata().getNamespace(),
                                deployment.getMetadata().getName(), pod.getMetadata().getName(), e.getMessage());
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
                break;
            }
            remaining -= size;
            batch *= 2;
        }
        return List.copyOf(created);
    }

    /** Kubernetes' ScalingReplicaSet events, one per template hash whose pod count changed. */
    private void recordScaling(Deployment deployment, String hash, List<Pod> owned, int created, List<Pod> deleted) {
        Map<String, Long> before = owned.stream().filter(PodStates::active)
                .collect(Collectors.groupingBy(p -> String.valueOf(RolloutPlanner.hashOf(p)), TreeMap::new, Collectors.counting()));
        String name = deployment.getMetadata().getName();
        if (created > 0) {
            long from = before.getOrDefault(hash, 0L);
            events.normal(deployment, "ScalingReplicaSet",
                    "Scaled up replica set " + name + "-" + hash + " from " + from + " to " + (from + created));
        }
        Map<String, Long> gone = deleted.stream()
                .collect(Collectors.groupingBy(p -> String.valueOf(RolloutPlanner.hashOf(p)), TreeMap::new, Collectors.counting()));
        gone.forEach((podHash, count) -> {
            long from = before.getOrDefault(podHash, 0L);
            events.normal(deployment, "ScalingReplicaSet",
                    "Scaled down replica set " + name + "-" + podHash + " from " + from + " to " + (from - count));
        });
    }

    private void writeStatus(Deployment deployment, List<Pod> owned) {
        DeploymentStatus status = DeploymentStatuses.compute(deployment, owned, clock.instant());
        if (deployment.getStatus() != null && DeploymentStatuses.same(deployment.getStatus(), status)) {
            return;
        }
        ObjectNode statusJson = (ObjectNode) KubernetesJson.toTree(status);
        // A merge patch keeps what it does not mention: a count that dropped to zero must be removed.
        COUNTS.stream().filter(count -> !statusJson.has(count)).forEach(statusJson::putNull);
        ObjectNode patch = KubernetesJson.JSON.createObjectNode();
        patch.putObject("metadata").put("uid", deployment.getMetadata().getUid());
        patch.set("status", statusJson);
        try {
            client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                    .withName(deployment.getMetadata().getName()).subresource("status").patch(MERGE, patch.toString());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }
}
