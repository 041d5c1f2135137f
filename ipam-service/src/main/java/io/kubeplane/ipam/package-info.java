/**
 * ipam-service: Address management: ClusterIPs, NodePorts, LoadBalancer IPs, node podCIDRs and pod IPs.
 */
@NullMarked
package io.kubeplane.ipam;

import org.jspecify.annotations.NullMarked;
