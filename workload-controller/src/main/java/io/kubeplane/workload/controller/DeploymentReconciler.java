package io.kubeplane.workload.controller;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
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
import io.kubeplane.workload.deployment.DeploymentStatuses;
import io.kubeplane.workload.deployment.NewReplicaSets;
import io.kubeplane.workload.deployment.OwnedReplicaSet;
import io.kubeplane.workload.deployment.Revisions;
import io.kubeplane.workload.deployment.RolloutLimits;
import io.kubeplane.workload.deployment.RolloutPlan;
import io.kubeplane.workload.deployment.RolloutPlanner;
import io.kubeplane.workload.deployment.TemplateHash;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps one Deployment's ReplicaSets ({@code namespace/name} keys), Kubernetes' Deployment
 * controller: claims its ReplicaSets ({@link Claims}), keeps the revision annotations in order,
 * takes the step {@link RolloutPlanner} plans — create the current template's ReplicaSet, scale
 * one, or drop old ones beyond the history limit — recording ScalingReplicaSet events, and writes
 * the status {@link DeploymentStatuses} computes from the ReplicaSets' pods. The pods themselves
 * are the {@link ReplicaSetReconciler}'s. Until the cache shows what it wrote, a reconcile waits.
 */
final class DeploymentReconciler implements Reconciler<String> {

    private static final Logger log = LoggerFactory.getLogger(DeploymentReconciler.class);
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
    private static final List<String> COUNTS = List.of("replicas", "updatedReplicas", "readyReplicas",
            "availableReplicas", "unavailableReplicas");

    private final Indexer<Deployment> deployments;
    private final Indexer<ReplicaSet> replicaSets;
    private final Indexer<Pod> pods;
    private final KubernetesClient client;
    private final EventRecorder events;
    private final WriteTracker tracker;
    private final Clock clock;

    DeploymentReconciler(Indexer<Deployment> deployments, Indexer<ReplicaSet> replicaSets, Indexer<Pod> pods,
                         KubernetesClient client, EventRecorder events, Clock clock) {
        this.deployments = deployments;
        this.replicaSets = replicaSets;
        this.pods = pods;
        this.client = client;
        this.events = events;
        this.tracker = new WriteTracker(clock);
        this.clock = clock;
    }

    @Override
    public Result reconcile(String key) {
        Deployment deployment = deployments.getByKey(key);
        if (deployment == null) {
            return Result.DONE; // its ReplicaSets go with it: the garbage collector follows their owner references
        }
        List<ReplicaSet> owned = replicaSets.byIndex(PodIndexes.BY_CONTROLLER, deployment.getMetadata().getUid());
        Result wait = tracker.waitIfBehind(key, owned);
        if (wait != null) {
            return wait;
        }
        Claims<ReplicaSet> claims = Claims.of(deployment, LabelSelector.from(deployment.getSpec().getSelector()), owned,
                replicaSets.byIndex(PodIndexes.ADOPTABLE, deployment.getMetadata().getNamespace()), rs -> true);
        if (!claims.nothingToDo()) {
            claims.apply(key, tracker, this::patchReplicaSet);
            return Result.DONE;
        }
        List<OwnedReplicaSet> sets = owned.stream()
                .map(rs -> new OwnedReplicaSet(rs, pods.byIndex(PodIndexes.BY_CONTROLLER, rs.getMetadata().getUid()))).toList();
        if (deployment.getMetadata().getDeletionTimestamp() != null) {
            writeStatus(deployment, sets);
            return Result.DONE;
        }
        ReplicaSet revised = syncRevisions(deployment, sets);
        if (revised != null) {
            tracker.wrote(key, List.of(revised), Set.of());
            return Result.DONE;
        }
        RolloutPlan plan = RolloutPlanner.plan(deployment, sets, clock.instant());
        if (!plan.nothingToDo()) {
            execute(key, deployment, sets, plan);
            return Result.DONE; // the writes come back as ReplicaSet events, which bring the key back
        }
        DeploymentStatus status = writeStatus(deployment, sets);
        Duration deadline = DeploymentStatuses.untilDeadline(deployment, status, clock.instant()).orElse(null);
        Duration recheck = Stream.of(plan.recheckIn(), deadline).filter(Objects::nonNull).min(Duration::compareTo).orElse(null);
        return recheck == null ? Result.DONE : Result.requeueAfter(recheck);
    }

    /**
     * The current ReplicaSet carries the highest revision (a rollback to an old template makes its
     * ReplicaSet the newest revision again), and the Deployment a copy of it. Returns the
     * ReplicaSet written, if one was.
     */
    private @Nullable ReplicaSet syncRevisions(Deployment deployment, List<OwnedReplicaSet> sets) {
        OwnedReplicaSet current = RolloutPlanner.current(sets, TemplateHash.of(deployment));
        if (current == null) {
            return null;
        }
        long newestOld = sets.stream().filter(s -> s != current).mapToLong(OwnedReplicaSet::revision).max().orElse(0);
        if (current.revision() <= newestOld || current.revision() == 0) {
            ObjectNode patch = guarded(current.replicaSet());
            ((ObjectNode) patch.get("metadata")).putObject("annotations").put(Revisions.REVISION, Long.toString(newestOld + 1));
            return patchReplicaSet(current.replicaSet(), patch.toString());
        }
        String revision = Long.toString(current.revision());
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        if (annotations == null || !revision.equals(annotations.get(Revisions.REVISION))) {
            ObjectNode patch = KubernetesJson.JSON.createObjectNode();
            patch.putObject("metadata").put("uid", deployment.getMetadata().getUid())
                    .putObject("annotations").put(Revisions.REVISION, revision);
            try {
                client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                        .withName(deployment.getMetadata().getName()).patch(MERGE, patch.toString());
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404 && e.getCode() != 409) {
                    throw e;
                }
            }
        }
        return null;
    }

    private void execute(String key, Deployment deployment, List<OwnedReplicaSet> sets, RolloutPlan plan) {
        List<ReplicaSet> written = new ArrayList<>();
        Set<String> deleted = new HashSet<>();
        int maxSurge = RolloutLimits.of(deployment).maxSurge();
        if (plan.createNew() != null) {
            ReplicaSet created = createReplicaSet(deployment, sets, plan.createNew(), maxSurge);
            if (created != null) {
                written.add(created);
            }
        }
        plan.scale().forEach((name, replicas) -> {
            OwnedReplicaSet set = sets.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
            ObjectNode patch = guarded(set.replicaSet());
            ObjectNode annotations = ((ObjectNode) patch.get("metadata")).putObject("annotations");
            NewReplicaSets.scaleAnnotations(deployment, maxSurge).forEach(annotations::put);
            patch.putObject("spec").put("replicas", replicas);
            ReplicaSet scaled = patchReplicaSet(set.replicaSet(), patch.toString());
            if (scaled != null) {
                written.add(scaled);
                events.normal(deployment, "ScalingReplicaSet", "Scaled " + (replicas > set.specReplicas() ? "up" : "down")
                        + " replica set " + name + " from " + set.specReplicas() + " to " + replicas);
            }
        });
        for (String name : plan.delete()) {
            OwnedReplicaSet set = sets.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
            try {
                client.apps().replicaSets().inNamespace(deployment.getMetadata().getNamespace()).withName(name).delete();
                deleted.add(name);
                log.info("Deployment {}: removed old ReplicaSet {} (revision {}) beyond the revision history limit", key, name,
                        set.revision());
            } catch (KubernetesClientException e) {
                log.warn("Deployment {}: deleting old ReplicaSet {} failed: {}", key, name, e.getMessage());
            }
        }
        tracker.wrote(key, written, deleted);
    }

    private @Nullable ReplicaSet createReplicaSet(Deployment deployment, List<OwnedReplicaSet> sets, int replicas, int maxSurge) {
        String hash = TemplateHash.of(deployment);
        long revision = sets.stream().mapToLong(OwnedReplicaSet::revision).max().orElse(0) + 1;
        ReplicaSet replicaSet = NewReplicaSets.of(deployment, hash, replicas, revision, maxSurge);
        String namespace = deployment.getMetadata().getNamespace();
        try {
            ReplicaSet created = client.apps().replicaSets().inNamespace(namespace).resource(replicaSet).create();
            if (replicas > 0) {
                events.normal(deployment, "ScalingReplicaSet",
                        "Scaled up replica set " + created.getMetadata().getName() + " from 0 to " + replicas);
            }
            return created;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
        ReplicaSet existing = client.apps().replicaSets().inNamespace(namespace).withName(replicaSet.getMetadata().getName()).get();
        if (existing != null && PodIndexes.controllerUid(existing).contains(deployment.getMetadata().getUid())) {
            return existing; // ours, not yet in the cache
        }
        // The name is taken by a ReplicaSet that is not this Deployment's: hash again with a collision count.
        int collisions = deployment.getStatus() == null || deployment.getStatus().getCollisionCount() == null ? 0
                : deployment.getStatus().getCollisionCount();
        ObjectNode patch = KubernetesJson.JSON.createObjectNode();
        patch.putObject("metadata").put("uid", deployment.getMetadata().getUid())
                .put("resourceVersion", deployment.getMetadata().getResourceVersion());
        patch.putObject("status").put("collisionCount", collisions + 1);
        client.apps().deployments().inNamespace(namespace).withName(deployment.getMetadata().getName())
                .subresource("status").patch(MERGE, patch.toString());
        log.info("Deployment {}/{}: ReplicaSet name {} is taken; collisionCount is now {}", namespace,
                deployment.getMetadata().getName(), replicaSet.getMetadata().getName(), collisions + 1);
        return null;
    }

    /** A merge patch guarded by the cached object's uid and resourceVersion: a 409 means plan again. */
    private static ObjectNode guarded(ReplicaSet replicaSet) {
        ObjectNode patch = KubernetesJson.JSON.createObjectNode();
        patch.putObject("metadata").put("uid", replicaSet.getMetadata().getUid())
                .put("resourceVersion", replicaSet.getMetadata().getResourceVersion());
        return patch;
    }

    private @Nullable ReplicaSet patchReplicaSet(ReplicaSet replicaSet, String patch) {
        try {
            return client.apps().replicaSets().inNamespace(replicaSet.getMetadata().getNamespace())
                    .withName(replicaSet.getMetadata().getName()).patch(MERGE, patch);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 && e.getCode() != 409) {
                throw e;
            }
            return null; // changed or gone since the cache saw it: its event brings the Deployment back
        }
    }

    private DeploymentStatus writeStatus(Deployment deployment, List<OwnedReplicaSet> sets) {
        DeploymentStatus status = DeploymentStatuses.compute(deployment, sets, clock.instant());
        if (deployment.getStatus() != null && DeploymentStatuses.same(deployment.getStatus(), status)) {
            return status;
        }
        try {
            client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                    .withName(deployment.getMetadata().getName()).subresource("status")
                    .patch(MERGE, StatusPatch.of(deployment.getMetadata().getUid(), status, COUNTS));
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
        return status;
    }
}
