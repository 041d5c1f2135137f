package io.kubeplane.ipam.service;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The addresses a Service holds after an allocation request.
 *
 * @param clusterIPs     its cluster IPs, primary first (empty when none were asked for)
 * @param ipFamilies     their families
 * @param ipFamilyPolicy the policy, defaulted to {@code SingleStack}; null when no cluster IPs were asked for
 * @param nodePorts      the NodePort of each port that asked for one
 * @param healthCheckNodePort the health-check NodePort, null when none was asked for
 * @param allocated      what this request newly took (not what was only confirmed): what to give
 *                       back if the Service is not stored after all
 */
public record ServiceAllocation(List<String> clusterIPs, List<String> ipFamilies, @Nullable String ipFamilyPolicy,
                                List<NodePort> nodePorts, @Nullable Integer healthCheckNodePort, Released allocated) {

    /** @param index the port's index in {@code spec.ports} */
    public record NodePort(int index, int nodePort) {
    }

    /**
     * Values held by one Service, as given back after a Service changed or was not stored.
     *
     * @param uid        the Service's uid
     * @param clusterIPs cluster IPs
     * @param nodePorts  NodePorts
     */
    public record Released(String uid, List<String> clusterIPs, List<Integer> nodePorts) {
        public Released {
            clusterIPs = clusterIPs == null ? List.of() : List.copyOf(clusterIPs);
            nodePorts = nodePorts == null ? List.of() : List.copyOf(nodePorts);
        }
    }
}
