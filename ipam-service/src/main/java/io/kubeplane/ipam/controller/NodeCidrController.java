package io.kubeplane.ipam.controller;

import io.fabric8.kubernetes.api.model.Node;
import io.kubeplane.controller.EventRecorder;
import io.kubeplane.controller.Reconciler;
import io.kubeplane.controller.WorkQueue;
import io.kubeplane.informer.ResourceEventHandler;
import io.kubeplane.informer.Store;
import io.kubeplane.ipam.allocation.Allocation;
import io.kubeplane.ipam.allocation.AllocationException;
import io.kubeplane.ipam.allocation.Owner;
import io.kubeplane.ipam.allocation.Pools;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every Node a podCIDR from the cluster CIDR when it registers, as kube-controller-manager's
 * node IPAM does, and takes it back when the Node is deleted. A full cluster CIDR leaves the node
 * without one and says so in a {@code CIDRNotAvailable} Event; it gets one as soon as another node
 * is deleted. Keys are node names.
 */
final class NodeCidrController implements Reconciler<String>, ResourceEventHandler<Node> {

    private static final Logger log = LoggerFactory.getLogger(NodeCidrController.class);

    private final Store<Node> nodes;
    private final Pools pools;
    private final OwnedAddresses addresses;
    private final ClusterWrites writes;
    private final EventRecorder events;
    private final WorkQueue<String> queue;
    /** Told the name of a node whose podCIDR appeared, so its pods can get IPs. */
    private final Consumer<String> podCidrAssigned;

    NodeCidrController(Store<Node> nodes, Pools pools, OwnedAddresses addresses, ClusterWrites writes,
                       EventRecorder events, WorkQueue<String> queue, Consumer<String> podCidrAssigned) {
        this.nodes = nodes;
        this.pools = pools;
        this.addresses = addresses;
        this.writes = writes;
        this.events = events;
        this.queue = queue;
        this.podCidrAssigned = podCidrAssigned;
    }

    @Override
    public void onAdd(Node node) {
        if (podCidr(node) == null) {
            queue.add(node.getMetadata().getName());
        } else {
            podCidrAssigned.accept(node.getMetadata().getName());
        }
    }

    @Override
    public void onUpdate(Node oldNode, Node newNode) {
        String cidr = podCidr(newNode);
        if (cidr == null) {
            queue.add(newNode.getMetadata().getName());
        } else if (!cidr.equals(podCidr(oldNode))) {
            podCidrAssigned.accept(newNode.getMetadata().getName());
        }
    }

    @Override
    public void onDelete(Node node) {
        int released = addresses.releaseAll(node.getMetadata().getUid(), "nodes",
                a -> a.pool().equals(pools.nodeCidrs().pool().name()));
        if (released > 0) {
            log.info("Node {} deleted: released its podCIDR", node.getMetadata().getName());
            // A node waiting for a CIDR may get this one.
            nodes.list().stream().filter(n -> podCidr(n) == null).forEach(n -> queue.add(n.getMetadata().getName()));
        }
    }

    @Override
    public Result reconcile(String name) {
        Node node = nodes.get(null, name);
        if (node == null || podCidr(node) != null) {
            return Result.DONE;
        }
        String uid = node.getMetadata().getUid();
        Allocation cidr;
        try {
            cidr = addresses.takeAny(pools.nodeCidrs(), new Owner("nodes", "", name, uid), OwnedAddresses.POD_CIDR);
        } catch (AllocationException.Exhausted e) {
            events.warning(node, "CIDRNotAvailable", "Node " + name + " status is now: CIDRNotAvailable ("
                    + "no podCIDR left in the cluster CIDR " + pools.nodeCidrs().pool().range() + ")");
            return Result.BACKOFF;
        }
        if (!writes.setPodCidr(name, uid, cidr.value())) {
            addresses.release(cidr);
            return Result.DONE;
        }
        log.info("Node {}: podCIDR {}", name, cidr.value());
        return Result.DONE;
    }

    static @Nullable String podCidr(Node node) {
        String cidr = node.getSpec() == null ? null : node.getSpec().getPodCIDR();
        return cidr == null || cidr.isBlank() ? null : cidr;
    }
}
