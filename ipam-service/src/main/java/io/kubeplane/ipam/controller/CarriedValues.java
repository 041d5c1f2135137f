package io.kubeplane.ipam.controller;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kubeplane.ipam.allocation.Owner;
import io.kubeplane.ipam.allocation.PoolAllocator;
import io.kubeplane.ipam.allocation.Pools;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The addresses and ports an object carries that fall in one of ipam-service's pools: a Service's
 * ClusterIPs, NodePorts (its health-check NodePort included) and LoadBalancer ingress IPs, a Node's podCIDR, a pod's IPs. Values outside
 * every pool (a ClusterIP from a range no longer configured, an ingress IP another implementation
 * gave) are not ipam-service's to track. Pure apart from creating a pod range on first sight.
 */
final class CarriedValues {

    private final Pools pools;

    CarriedValues(Pools pools) {
        this.pools = pools;
    }

    List<RepairPlan.Carried> of(Service service) {
        Owner owner = Owner.service(service.getMetadata().getNamespace(), service.getMetadata().getName(),
                service.getMetadata().getUid());
        List<RepairPlan.Carried> carried = new ArrayList<>();
        if (service.getSpec() == null) {
            return carried;
        }
        Set<String> ips = new LinkedHashSet<>();
        if (service.getSpec().getClusterIPs() != null) {
            ips.addAll(service.getSpec().getClusterIPs());
        }
        if (service.getSpec().getClusterIP() != null) {
            ips.add(service.getSpec().getClusterIP());
        }
        for (String ip : ips) {
            pool(pools.serviceRanges(), ip).ifPresent(p -> carried.add(new RepairPlan.Carried(owner, p, ip, null, "Cluster IP")));
        }
        Set<Integer> nodePorts = new LinkedHashSet<>();
        for (ServicePort port : service.getSpec().getPorts() == null ? List.<ServicePort>of() : service.getSpec().getPorts()) {
            if (port.getNodePort() != null && port.getNodePort() != 0) {
                nodePorts.add(port.getNodePort());
            }
        }
        if (service.getSpec().getHealthCheckNodePort() != null && service.getSpec().getHealthCheckNodePort() != 0) {
            nodePorts.add(service.getSpec().getHealthCheckNodePort());
        }
        for (int port : nodePorts) {
            String value = Integer.toString(port);
            pool(List.of(pools.nodePorts()), value).ifPresent(p -> carried.add(new RepairPlan.Carried(owner, p, value, null, "NodePort")));
        }
        List<PoolAllocator> loadBalancerRanges = pools.loadBalancerPools().values().stream().flatMap(List::stream).toList();
        for (String ip : LoadBalancerPlan.ingressIps(service)) {
            pool(loadBalancerRanges, ip).ifPresent(p -> carried.add(
                    new RepairPlan.Carried(owner, p, ip, OwnedAddresses.LOAD_BALANCER_IP, "LoadBalancer IP")));
        }
        return carried;
    }

    List<RepairPlan.Carried> of(Node node) {
        String cidr = NodeCidrController.podCidr(node);
        if (cidr == null) {
            return List.of();
        }
        Owner owner = new Owner("nodes", "", node.getMetadata().getName(), node.getMetadata().getUid());
        return pool(List.of(pools.nodeCidrs()), cidr)
                .map(p -> List.of(new RepairPlan.Carried(owner, p, cidr, OwnedAddresses.POD_CIDR, "podCIDR")))
                .orElse(List.of());
    }

    /** @param nodePodCidr the podCIDR of the pod's node, when known */
    List<RepairPlan.Carried> of(Pod pod, @Nullable String nodePodCidr) {
        if (pod.getStatus() == null || pod.getStatus().getPodIP() == null || pod.getStatus().getPodIP().isBlank()
            || (pod.getSpec() != null && Boolean.TRUE.equals(pod.getSpec().getHostNetwork()))) {
            return List.of();
        }
        Owner owner = new Owner("pods", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), pod.getMetadata().getUid());
        Set<String> ips = new LinkedHashSet<>();
        ips.add(pod.getStatus().getPodIP());
        if (pod.getStatus().getPodIPs() != null) {
            pod.getStatus().getPodIPs().stream().map(PodIP::getIp).filter(ip -> ip != null && !ip.isBlank()).forEach(ips::add);
        }
        List<RepairPlan.Carried> carried = new ArrayList<>();
        for (String ip : ips) {
            List<PoolAllocator> candidates = new ArrayList<>(pools.podRanges().values());
            if (nodePodCidr != null) {
                candidates.addFirst(pools.podRange(nodePodCidr));
            }
            pool(candidates, ip).ifPresent(p -> carried.add(new RepairPlan.Carried(owner, p, ip, OwnedAddresses.POD_IP, "pod IP")));
        }
        return carried;
    }

    private static Optional<String> pool(List<PoolAllocator> allocators, String value) {
        return allocators.stream().filter(a -> a.contains(value)).map(a -> a.pool().name()).findFirst();
    }

}
