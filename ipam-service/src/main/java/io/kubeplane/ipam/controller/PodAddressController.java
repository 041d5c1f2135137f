package io.kubeplane.ipam.controller;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeplane.controller.EventRecorder;
import io.kubeplane.controller.Reconciler;
import io.kubeplane.controller.WorkQueue;
import io.kubeplane.informer.Indexer;
import io.kubeplane.informer.ResourceEventHandler;
import io.kubeplane.informer.Store;
import io.kubeplane.ipam.allocation.Allocation;
import io.kubeplane.ipam.allocation.AllocationException;
import io.kubeplane.ipam.allocation.Owner;
import io.kubeplane.ipam.allocation.PoolAllocator;
import io.kubeplane.ipam.allocation.Pools;
import io.kubeplane.ipam.pool.PoolKind;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a pod bound to a node the next free IP of that node's podCIDR (the gateway, {@code .1},
 * kept back), written to {@code status.podIP} and {@code status.podIPs}, as a CNI's host-local IPAM
 * would; the IP is released when the pod is deleted. A full podCIDR leaves the pod without an IP
 * and says so in an Event, as a kubelet reports a failed sandbox; it gets one as soon as a pod on
 * that node is deleted. Keys are {@code namespace/name}.
 */
final class PodAddressController implements Reconciler<String>, ResourceEventHandler<Pod> {

    /** The index of pods by node name. */
    static final String BY_NODE = "node";

    private static final Logger log = LoggerFactory.getLogger(PodAddressController.class);

    private final Indexer<Pod> pods;
    private final Store<Node> nodes;
    private final Pools pools;
    private final OwnedAddresses addresses;
    private final ClusterWrites writes;
    private final EventRecorder events;
    private final WorkQueue<String> queue;

    PodAddressController(Indexer<Pod> pods, Store<Node> nodes, Pools pools, OwnedAddresses addresses,
                         ClusterWrites writes, EventRecorder events, WorkQueue<String> queue) {
        this.pods = pods;
        this.nodes = nodes;
        this.pools = pools;
        this.addresses = addresses;
        this.writes = writes;
        this.events = events;
        this.queue = queue;
    }

    static List<String> byNode(Pod pod) {
        String node = PodAddressing.nodeName(pod);
        return node.isEmpty() ? List.of() : List.of(node);
    }

    @Override
    public void onAdd(Pod pod) {
        if (PodAddressing.needsAddress(pod)) {
            queue.add(key(pod));
        }
    }

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {
        onAdd(newPod);
    }

    @Override
    public void onDelete(Pod pod) {
        int released = addresses.releaseAll(pod.getMetadata().getUid(), "pods", PodAddressController::isPodIp);
        if (released > 0) {
            // A pod of the same node may be waiting for a free address.
            nodeChanged(PodAddressing.nodeName(pod));
        }
    }

    /** Queues the pods of {@code node} that still need an IP: its podCIDR appeared, or an address was freed. */
    void nodeChanged(String node) {
        for (Pod pod : pods.byIndex(BY_NODE, node)) {
            if (PodAddressing.needsAddress(pod)) {
                queue.add(key(pod));
            }
        }
    }

    @Override
    public Result reconcile(String key) {
        Pod pod = pods.getByKey(key);
        if (pod == null || !PodAddressing.needsAddress(pod)) {
            return Result.DONE;
        }
        Node node = nodes.get(null, PodAddressing.nodeName(pod));
        String podCidr = node == null ? null : NodeCidrController.podCidr(node);
        if (podCidr == null) {
            return Result.DONE; // the node's podCIDR arriving queues this pod again
        }
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        String uid = pod.getMetadata().getUid();
        PoolAllocator range = pools.podRange(podCidr);
        Allocation ip;
        try {
            ip = addresses.takeAny(range, new Owner("pods", namespace, name, uid), OwnedAddresses.POD_IP);
        } catch (AllocationException.Exhausted e) {
            events.warning(pod, "FailedCreatePodSandBox", "Failed to create pod sandbox: failed to allocate for range 0: "
                    + "no IP addresses available in range set: " + range.pool().valueAt(0) + "-"
                    + range.pool().valueAt(range.pool().size() - 1));
            return Result.BACKOFF;
        }
        if (!writes.setPodIp(namespace, name, uid, ip.value())) {
            addresses.release(ip);
            return Result.DONE;
        }
        log.debug("Pod {}: IP {} from {}", key, ip.value(), podCidr);
        return Result.DONE;
    }

    static boolean isPodIp(Allocation allocation) {
        return allocation.pool().startsWith(PoolKind.POD_IPS.label() + ":");
    }

    static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }
}
