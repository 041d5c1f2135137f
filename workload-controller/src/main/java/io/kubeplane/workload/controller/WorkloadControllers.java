package io.kubeplane.workload.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeplane.controller.ControllerLoop;
import io.kubeplane.controller.EventRecorder;
import io.kubeplane.informer.Indexers;
import io.kubeplane.informer.KafkaInformer;
import io.kubeplane.informer.ResourceEventHandler;
import io.kubeplane.informer.SharedIndexInformer;
import io.kubeplane.selector.LabelSelector;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workload controllers — Deployments, ReplicaSets, the scheduler, node lifecycle and the
 * terminating-pod collector — and the five informers they read. They start once every informer has synced: a
 * Deployment controller reading a cache still filling would create pods that already exist.
 * Thread-safe.
 */
public final class WorkloadControllers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkloadControllers.class);

    private static final String BY_NAMESPACE = Indexers.NAMESPACE;

    private final KafkaInformer<Deployment> deployments;
    private final KafkaInformer<ReplicaSet> replicaSets;
    private final KafkaInformer<Pod> pods;
    private final KafkaInformer<Node> nodes;
    private final KafkaInformer<Lease> leases;
    private final List<ControllerLoop<String>> loops;
    private volatile boolean synced;

    /**
     * @param nodeGracePeriod how long a node may be silent before it is marked NotReady (Kubernetes: 40 s)
     */
    public WorkloadControllers(KafkaInformer<Deployment> deployments, KafkaInformer<ReplicaSet> replicaSets,
                               KafkaInformer<Pod> pods, KafkaInformer<Node> nodes, KafkaInformer<Lease> leases,
                               KubernetesClient client, EventRecorder deploymentEvents, EventRecorder replicaSetEvents,
                               EventRecorder schedulerEvents, EventRecorder nodeEvents, MeterRegistry registry,
                               int workers, Duration nodeGracePeriod) {
        this.deployments = deployments;
        this.replicaSets = replicaSets;
        this.pods = pods;
        this.nodes = nodes;
        this.leases = leases;
        Clock clock = Clock.systemUTC();
        pods.addIndexer(PodIndexes.BY_CONTROLLER, PodIndexes::controllerUid);
        pods.addIndexer(PodIndexes.BY_NODE, PodIndexes::nodeName);
        pods.addIndexer(PodIndexes.ADOPTABLE, PodIndexes::adoptable);
        replicaSets.addIndexer(PodIndexes.BY_CONTROLLER, PodIndexes::controllerUid);
        replicaSets.addIndexer(PodIndexes.ADOPTABLE, PodIndexes::adoptable);
        PodWrites writes = new PodWrites(client);
        AssumedPlacements placements = new AssumedPlacements(pods.store());

        ControllerLoop<String> deploymentLoop = new ControllerLoop<>("deployment", ControllerLoop.queue("deployment"),
                new DeploymentReconciler(deployments.store(), replicaSets.store(), pods.store(), client, deploymentEvents, clock),
                workers, registry);
        ControllerLoop<String> replicaSetLoop = new ControllerLoop<>("replicaset", ControllerLoop.queue("replicaset"),
                new ReplicaSetReconciler(replicaSets.store(), pods.store(), client, replicaSetEvents, clock), workers, registry);
        ControllerLoop<String> schedulerLoop = new ControllerLoop<>("scheduler", ControllerLoop.queue("scheduler"),
                new SchedulerReconciler(pods.store(), nodes.store(), placements, writes, schedulerEvents, clock), workers, registry);
        ControllerLoop<String> lifecycleLoop = new ControllerLoop<>("node-lifecycle", ControllerLoop.queue("node-lifecycle"),
                new NodeLifecycleReconciler(nodes.store(), leases.store(), pods.store(), client, nodeEvents, clock, nodeGracePeriod),
                1, registry);
        ControllerLoop<String> collectorLoop = new ControllerLoop<>("pod-gc", ControllerLoop.queue("pod-gc"),
                new TerminatingPodCollector(pods.store(), nodes.store(), writes, clock), 1, registry);
        this.loops = List.of(deploymentLoop, replicaSetLoop, schedulerLoop, lifecycleLoop, collectorLoop);

        deployments.addEventHandler(ResourceEventHandler.onAnyChange(d -> deploymentLoop.queue().add(PodIndexes.key(d))));
        replicaSets.addEventHandler(ResourceEventHandler.onAnyChange(rs -> {
            replicaSetLoop.queue().add(PodIndexes.key(rs));
            OwnerReference owner = PodIndexes.controllerOf(rs);
            if (owner != null && "Deployment".equals(owner.getKind())) {
                deploymentLoop.queue().add(rs.getMetadata().getNamespace() + "/" + owner.getName());
            } else if (owner == null) {
                // An orphan: the Deployments whose selector takes it may adopt it.
                deployments.store().byIndex(BY_NAMESPACE, rs.getMetadata().getNamespace()).stream()
                        .filter(d -> LabelSelector.from(d.getSpec().getSelector()).matches(labels(rs)))
                        .forEach(d -> deploymentLoop.queue().add(PodIndexes.key(d)));
            }
        }));
        pods.addEventHandler(ResourceEventHandler.onAnyChange(pod -> {
            String key = PodIndexes.key(pod);
            OwnerReference owner = PodIndexes.controllerOf(pod);
            if (owner != null && "ReplicaSet".equals(owner.getKind())) {
                String replicaSetKey = pod.getMetadata().getNamespace() + "/" + owner.getName();
                replicaSetLoop.queue().add(replicaSetKey);
                // The Deployment's status counts the pods of its ReplicaSets.
                ReplicaSet replicaSet = replicaSets.store().getByKey(replicaSetKey);
                OwnerReference deployment = replicaSet == null ? null : PodIndexes.controllerOf(replicaSet);
                if (deployment != null && "Deployment".equals(deployment.getKind())) {
                    deploymentLoop.queue().add(pod.getMetadata().getNamespace() + "/" + deployment.getName());
                }
            } else if (!PodIndexes.adoptable(pod).isEmpty()) {
                // Unowned (or a Deployment's own, from before ReplicaSets): the ReplicaSets whose selector takes it may adopt it.
                replicaSets.store().byIndex(BY_NAMESPACE, pod.getMetadata().getNamespace()).stream()
                        .filter(rs -> LabelSelector.from(rs.getSpec().getSelector()).matches(labels(pod)))
                        .forEach(rs -> replicaSetLoop.queue().add(PodIndexes.key(rs)));
            }
            if (SchedulerReconciler.wantsScheduling(pod)) {
                schedulerLoop.queue().add(key);
            } else {
                placements.forget(key);
            }
            if (TerminatingPodCollector.terminating(pod)) {
                collectorLoop.queue().add(key);
            }
            PodIndexes.nodeName(pod).forEach(node -> lifecycleLoop.queue().add(node));
        }));
        nodes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                nodeChanged(node, true);
            }

            @Override
            public void onUpdate(Node oldNode, Node newNode) {
                // Labels, taints and schedulability decide fits too; agents do not rewrite their Node on each beat.
                nodeChanged(newNode, true);
            }

            @Override
            public void onDelete(Node node) {
                nodeChanged(node, true);
            }

            private void nodeChanged(Node node, boolean fitMayHaveChanged) {
                lifecycleLoop.queue().add(node.getMetadata().getName());
                if (fitMayHaveChanged) {
                    // Pending pods may fit now; terminating pods there may have lost their agent.
                    pods.store().list().stream().filter(SchedulerReconciler::wantsScheduling)
                            .forEach(pod -> schedulerLoop.queue().add(PodIndexes.key(pod)));
                    pods.store().byIndex(PodIndexes.BY_NODE, node.getMetadata().getName()).stream()
                            .filter(TerminatingPodCollector::terminating)
                            .forEach(pod -> collectorLoop.queue().add(PodIndexes.key(pod)));
                }
            }
        });
        leases.addEventHandler(ResourceEventHandler.onAnyChange(lease -> {
            if (NodeLifecycleReconciler.LEASE_NAMESPACE.equals(lease.getMetadata().getNamespace())) {
                lifecycleLoop.queue().add(lease.getMetadata().getName());
            }
        }));
    }

    public void start() {
        List<SharedIndexInformer<?>> informers = List.of(deployments, replicaSets, pods, nodes, leases);
        informers.forEach(SharedIndexInformer::start);
        Thread.ofVirtual().name("workload-controllers-sync").start(() -> {
            while (!informers.stream().allMatch(i -> i.awaitSynced(Duration.ofSeconds(10)))) {
                log.info("Waiting for the Deployment, ReplicaSet, Pod, Node and Lease informers to sync");
            }
            loops.forEach(ControllerLoop::start);
            synced = true;
            log.info("Workload controllers running over {} Deployments, {} ReplicaSets, {} pods and {} nodes",
                    deployments.store().size(), replicaSets.store().size(), pods.store().size(), nodes.store().size());
        });
    }

    public boolean synced() {
        return synced;
    }

    public KafkaInformer<Deployment> deployments() {
        return deployments;
    }

    public KafkaInformer<ReplicaSet> replicaSets() {
        return replicaSets;
    }

    public KafkaInformer<Pod> pods() {
        return pods;
    }

    public KafkaInformer<Node> nodes() {
        return nodes;
    }

    public KafkaInformer<Lease> leases() {
        return leases;
    }

    /** The ReplicaSets the Deployment controls, from the cache's owner index. */
    public List<ReplicaSet> replicaSetsOf(Deployment deployment) {
        return replicaSets.store().byIndex(PodIndexes.BY_CONTROLLER, deployment.getMetadata().getUid());
    }

    /** The pods the ReplicaSet controls, from the cache's owner index. */
    public List<Pod> podsOf(ReplicaSet replicaSet) {
        return pods.store().byIndex(PodIndexes.BY_CONTROLLER, replicaSet.getMetadata().getUid());
    }

    /** The pods bound to the node, from the cache's node index. */
    public List<Pod> podsOn(String node) {
        return pods.store().byIndex(PodIndexes.BY_NODE, node);
    }

    @Override
    public void close() {
        List<AutoCloseable> closeables = new java.util.ArrayList<>(loops);
        closeables.addAll(List.of(deployments, replicaSets, pods, nodes, leases));
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("Stopping {}: {}", closeable, e.toString());
            }
        }
    }

    private static Map<String, String> labels(HasMetadata object) {
        return Objects.requireNonNullElse(object.getMetadata().getLabels(), Map.of());
    }
}
