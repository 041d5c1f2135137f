package io.kubeplane.proxy.desired;

/**
 * What happens to a packet for a service port from one side (cluster-internal traffic to the
 * ClusterIP, or external traffic to a NodePort, externalIP or load-balancer IP), kube-proxy's choice:
 * forwarded to an endpoint; rejected at once (ICMP port unreachable / TCP reset) when the service
 * has no usable endpoint anywhere; dropped when it has some but none on this node and the traffic
 * policy is Local.
 */
public enum Verdict {
    FORWARD, REJECT, DROP
}
