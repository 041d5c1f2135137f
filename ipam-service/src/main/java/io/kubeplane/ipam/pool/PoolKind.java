package io.kubeplane.ipam.pool;

/** What a pool hands out, and so how it picks and what its values look like. */
public enum PoolKind {
    /** ClusterIPs from a service CIDR. */
    SERVICE_IPS("service-ips", PickOrder.RANDOM),
    /** NodePorts from the node port range. */
    NODE_PORTS("node-ports", PickOrder.RANDOM),
    /** LoadBalancer ingress IPs from a configured pool. */
    LOAD_BALANCER_IPS("load-balancer-ips", PickOrder.LOWEST),
    /** Per-node podCIDRs cut from the cluster CIDR. */
    NODE_CIDRS("node-cidrs", PickOrder.LOWEST),
    /** Pod IPs from one node's podCIDR. */
    POD_IPS("pod-ips", PickOrder.LOWEST);

    private final String label;
    private final PickOrder order;

    PoolKind(String label, PickOrder order) {
        this.label = label;
        this.order = order;
    }

    /** The name used in metrics, logs and the HTTP views, e.g. {@code service-ips}. */
    public String label() {
        return label;
    }

    public PickOrder order() {
        return order;
    }

    /**
     * How a dynamic pick chooses among free values: at random (service IPs and NodePorts, as
     * kube-apiserver does, so that a freed value is not handed out again at once) or the lowest free
     * (addresses people read in order: pod IPs, podCIDRs, LoadBalancer IPs).
     */
    public enum PickOrder {
        RANDOM, LOWEST
    }
}
