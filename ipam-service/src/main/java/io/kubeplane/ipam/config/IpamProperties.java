package io.kubeplane.ipam.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The ranges ipam-service hands out, under {@code kubeplane.ipam}.
 *
 * @param serviceCidrs       the service CIDRs, primary family first; at most one IPv4 and one IPv6 family
 * @param nodePortRange      the NodePort range, {@code first-last}
 * @param loadBalancerPools  LoadBalancer ingress pools by name, each a list of CIDRs; the one named
 *                           {@code default}, else the first, serves Services that name none
 * @param clusterCidr        the cluster CIDR node podCIDRs are cut from
 * @param nodeCidrMaskSize   the prefix length of each node's podCIDR
 * @param refreshInterval    how often each pool's free map is reloaded from the table (other replicas' releases)
 */
@ConfigurationProperties("kubeplane.ipam")
public record IpamProperties(List<String> serviceCidrs, String nodePortRange, Map<String, List<String>> loadBalancerPools,
                             String clusterCidr, int nodeCidrMaskSize, Duration refreshInterval) {

    public IpamProperties {
        serviceCidrs = serviceCidrs == null || serviceCidrs.isEmpty() ? List.of("10.96.0.0/12") : List.copyOf(serviceCidrs);
        nodePortRange = nodePortRange == null || nodePortRange.isBlank() ? "30000-32767" : nodePortRange;
        loadBalancerPools = loadBalancerPools == null ? Map.of() : loadBalancerPools;
        clusterCidr = clusterCidr == null || clusterCidr.isBlank() ? "10.244.0.0/16" : clusterCidr;
        nodeCidrMaskSize = nodeCidrMaskSize == 0 ? 24 : nodeCidrMaskSize;
        refreshInterval = refreshInterval == null ? Duration.ofSeconds(30) : refreshInterval;
    }
}
