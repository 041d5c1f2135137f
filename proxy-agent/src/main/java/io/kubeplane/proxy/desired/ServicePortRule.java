package io.kubeplane.proxy.desired;

import java.util.List;

/**
 * Everything a data plane needs for one service port on one node, computed by {@link DesiredState}.
 *
 * @param type                 ClusterIP, NodePort or LoadBalancer
 * @param protocol             TCP, UDP or SCTP
 * @param clusterIPs           the service's virtual IPs, one per family
 * @param port                 the service port
 * @param nodePort             the NodePort, 0 for none
 * @param externalIPs          {@code spec.externalIPs}
 * @param loadBalancerIPs      {@code status.loadBalancer.ingress[].ip}
 * @param internalLocal        {@code internalTrafficPolicy: Local}
 * @param externalLocal        {@code externalTrafficPolicy: Local} (only for NodePort and LoadBalancer)
 * @param affinitySeconds      ClientIP session affinity timeout, 0 without affinity
 * @param healthCheckNodePort  {@code spec.healthCheckNodePort}, 0 for none
 * @param clusterEndpoints     endpoints for traffic to the ClusterIP
 * @param externalEndpoints    endpoints for traffic from outside (NodePort, externalIPs, LB IPs)
 * @param internalVerdict      what happens to ClusterIP traffic
 * @param externalVerdict      what happens to external traffic
 */
public record ServicePortRule(ServicePortName name, String type, String protocol, List<String> clusterIPs, int port,
                              int nodePort, List<String> externalIPs, List<String> loadBalancerIPs,
                              boolean internalLocal, boolean externalLocal, int affinitySeconds, int healthCheckNodePort,
                              List<Endpoint> clusterEndpoints, List<Endpoint> externalEndpoints,
                              Verdict internalVerdict, Verdict externalVerdict) {

    public ServicePortRule {
        clusterIPs = List.copyOf(clusterIPs);
        externalIPs = List.copyOf(externalIPs);
        loadBalancerIPs = List.copyOf(loadBalancerIPs);
        clusterEndpoints = List.copyOf(clusterEndpoints);
        externalEndpoints = List.copyOf(externalEndpoints);
    }

    /** Whether traffic from outside the cluster reaches this port at all (NodePort, externalIPs or LB IPs). */
    public boolean externallyAccessible() {
        return nodePort > 0 || !externalIPs.isEmpty() || !loadBalancerIPs.isEmpty();
    }

    /**
     * The addresses external traffic reaches at the service port: externalIPs and LoadBalancer IPs,
     * once each (an LB IP may also be listed as an externalIP) and never a ClusterIP, in order.
     */
    public List<String> externalAddresses() {
        java.util.Set<String> addresses = new java.util.LinkedHashSet<>(externalIPs);
        addresses.addAll(loadBalancerIPs);
        addresses.removeAll(clusterIPs);
        return List.copyOf(addresses);
    }

    public boolean sessionAffinity() {
        return affinitySeconds > 0;
    }

    /** Every endpoint of either kind, once each, in order. */
    public List<Endpoint> allEndpoints() {
        return java.util.stream.Stream.concat(clusterEndpoints.stream(), externalEndpoints.stream())
                .distinct().sorted().toList();
    }
}
