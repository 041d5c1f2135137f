package io.kubeplane.workload.http;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubeplane.workload.controller.WorkloadControllers;
import io.kubeplane.workload.deployment.Revisions;
import io.kubeplane.workload.deployment.RolloutLimits;
import io.kubeplane.workload.deployment.TemplateHash;
import io.kubeplane.workload.nodes.NodeHealth;
import io.kubeplane.workload.pods.PodStates;
import io.kubeplane.workload.replicaset.ReplicaSetPlan;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What workload-controller believes: each node's health as the lifecycle controller judges it,
 * each Deployment's ReplicaSets and their pods, and why a pod is still Pending.
 */
@RestController
@RequestMapping("/workloads/v1")
@Tag(name = "Workloads", description = "What the Deployment, scheduler and node lifecycle controllers believe")
public class WorkloadViewController {

    private final ObjectProvider<WorkloadControllers> controllers;
    private final Clock clock = Clock.systemUTC();

    public WorkloadViewController(ObjectProvider<WorkloadControllers> controllers) {
        this.controllers = controllers;
    }

    /**
     * @param name          the node
     * @param ready         its Ready condition is True
     * @param lastHeartbeat its last sign of life (Lease renewal or status heartbeat)
     * @param silentFor     seconds since then
     * @param pods          pods bound to it
     */
    public record NodeView(String name, boolean ready, String lastHeartbeat, long silentFor, long pods) {
    }

    /**
     * @param name      the ReplicaSet
     * @param revision  its {@code deployment.kubernetes.io/revision}
     * @param replicas  its {@code spec.replicas}
     * @param pods      its active pods
     * @param ready     those of them ready
     */
    public record ReplicaSetView(String name, long revision, int replicas, long pods, long ready) {
    }

    /**
     * @param deployment   {@code namespace/name}
     * @param replicas     the replicas asked for
     * @param templateHash the {@code pod-template-hash} of its current template
     * @param replicaSets  its ReplicaSets, newest revision first
     * @param ready        ready active pods
     * @param terminating  pods being deleted
     */
    public record DeploymentView(String deployment, int replicas, String templateHash, List<ReplicaSetView> replicaSets,
                                 long ready, long terminating) {
    }

    /** A pod no node has taken, and kube-scheduler's reason. */
    public record PendingPod(String pod, String reason) {
    }

    public record State(boolean synced, List<NodeView> nodes, List<DeploymentView> deployments, List<PendingPod> pending) {
    }

    @GetMapping("/state")
    @Operation(summary = "Nodes with their heartbeats, Deployments with their pods, and pods waiting for a node")
    public State state() {
        WorkloadControllers running = running();
        return new State(running.synced(),
                running.nodes().store().list().stream().sorted(Comparator.comparing(n -> n.getMetadata().getName()))
                        .map(node -> nodeView(running, node)).toList(),
                running.deployments().store().list().stream().map(d -> deploymentView(running, d))
                        .sorted(Comparator.comparing(DeploymentView::deployment)).toList(),
                running.pods().store().list().stream().filter(p -> !PodStates.scheduled(p) && PodStates.active(p))
                        .map(WorkloadViewController::pending).sorted(Comparator.comparing(PendingPod::pod)).toList());
    }

    @GetMapping("/deployments/{namespace}/{name}")
    @Operation(summary = "One Deployment: its ReplicaSets by revision, with their pods")
    public DeploymentView deployment(@PathVariable String namespace, @PathVariable String name) {
        WorkloadControllers running = running();
        Deployment deployment = running.deployments().store().get(namespace, name);
        if (deployment == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no Deployment " + namespace + "/" + name + " in the cache");
        }
        return deploymentView(running, deployment);
    }

    private NodeView nodeView(WorkloadControllers running, Node node) {
        String name = node.getMetadata().getName();
        NodeHealth health = NodeHealth.of(node, running.leases().store().get("kube-node-lease", name), clock.instant(),
                Duration.ofDays(1));
        long pods = running.podsOn(name).size();
        return new NodeView(name, NodeHealth.ready(node), health.lastHeartbeat().toString(),
                Duration.between(health.lastHeartbeat(), clock.instant()).toSeconds(), pods);
    }

    private static DeploymentView deploymentView(WorkloadControllers running, Deployment deployment) {
        List<ReplicaSetView> sets = new ArrayList<>();
        long ready = 0;
        long terminating = 0;
        for (ReplicaSet replicaSet : running.replicaSetsOf(deployment)) {
            List<Pod> owned = running.podsOf(replicaSet);
            List<Pod> active = owned.stream().filter(PodStates::active).toList();
            long readyHere = active.stream().filter(PodStates::ready).count();
            sets.add(new ReplicaSetView(replicaSet.getMetadata().getName(), Revisions.of(replicaSet),
                    ReplicaSetPlan.replicas(replicaSet), active.size(), readyHere));
            ready += readyHere;
            terminating += owned.stream().filter(p -> p.getMetadata().getDeletionTimestamp() != null).count();
        }
        sets.sort(Comparator.comparingLong(ReplicaSetView::revision).reversed().thenComparing(ReplicaSetView::name));
        return new DeploymentView(deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName(),
                RolloutLimits.replicas(deployment), TemplateHash.of(deployment), sets, ready, terminating);
    }

    private static PendingPod pending(Pod pod) {
        String reason = pod.getStatus() == null || pod.getStatus().getConditions() == null ? "waiting for the scheduler"
                : pod.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType()))
                        .map(c -> c.getMessage() == null ? c.getReason() : c.getMessage()).findFirst()
                        .orElse("waiting for the scheduler");
        return new PendingPod(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(), reason);
    }

    private WorkloadControllers running() {
        WorkloadControllers running = controllers.getIfAvailable();
        if (running == null) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "the controllers are off: kubeplane.workloads.api-server is not set");
        }
        return running;
    }
}
