package io.kubeplane.ipam.service;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a Service needs, sent by the api-server before it stores the Service: the cluster IPs (if
 * its type has any) and a NodePort per port (NodePort and LoadBalancer types). Values the Service
 * already holds are sent as requested values and are confirmed; the rest are allocated.
 *
 * @param namespace  the Service's namespace
 * @param name       its name
 * @param uid        its uid, the owner of what is allocated
 * @param dryRun     work out the answer, then give everything back
 * @param clusterIPs the cluster IPs asked for, or null for none (headless, ExternalName)
 * @param nodePorts  one entry per Service port that needs a NodePort
 * @param healthCheckNodePort the {@code spec.healthCheckNodePort} a LoadBalancer with
 *                   {@code externalTrafficPolicy: Local} needs: the requested port, 0 for any, or
 *                   null when the Service needs none
 */
public record ServiceAllocationRequest(String namespace, String name, String uid, boolean dryRun,
                                       @Nullable ClusterIpRequest clusterIPs, List<NodePortRequest> nodePorts,
                                       @Nullable Integer healthCheckNodePort) {

    public ServiceAllocationRequest {
        nodePorts = nodePorts == null ? List.of() : List.copyOf(nodePorts);
    }

    /** A request without a health-check NodePort. */
    public ServiceAllocationRequest(String namespace, String name, String uid, boolean dryRun,
                                    @Nullable ClusterIpRequest clusterIPs, List<NodePortRequest> nodePorts) {
        this(namespace, name, uid, dryRun, clusterIPs, nodePorts, null);
    }

    /**
     * @param ipFamilyPolicy {@code SingleStack} (default), {@code PreferDualStack} or {@code RequireDualStack}
     * @param ipFamilies     the families asked for, primary first; empty for the cluster's choice
     * @param requested      {@code spec.clusterIPs} as written: requested addresses, by family order
     */
    public record ClusterIpRequest(@Nullable String ipFamilyPolicy, List<String> ipFamilies, List<String> requested) {
        public ClusterIpRequest {
            ipFamilies = ipFamilies == null ? List.of() : List.copyOf(ipFamilies);
            requested = requested == null ? List.of() : List.copyOf(requested);
        }
    }

    /**
     * @param index    the index of the port in {@code spec.ports}
     * @param port     its {@code port}
     * @param protocol its protocol
     * @param nodePort the requested NodePort, 0 for any
     */
    public record NodePortRequest(int index, int port, String protocol, int nodePort) {
    }
}
