package io.kubeplane.model.defaults;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What kube-apiserver does to a Service replacing a stored one before validating it (the service
 * registry's {@code dropTypeDependentFields}, {@code trimFieldsForDualStackDowngrade},
 * {@code patchAllocatedValues} and {@code normalizeClusterIPs}), so that clients need not read
 * before they write:
 * <ul>
 *   <li>a manifest applied again without the allocated {@code clusterIP(s)}, {@code nodePort}s or
 *       {@code healthCheckNodePort} keeps the allocated values;</li>
 *   <li>a client that only knows the singular {@code clusterIP} keeps the plural one;</li>
 *   <li>a type change drops the fields the new type has no use for (cluster IPs when becoming
 *       ExternalName, NodePorts when becoming ClusterIP, ...) if the client left them as they were;</li>
 *   <li>a dual-stack service switched to SingleStack loses its secondary IP and family;</li>
 *   <li>IP families and policy left out beside unchanged cluster IPs are kept, as ipam set them.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe; called by {@link Defaulting#applyForUpdate}.
 */
final class ServiceUpdates {

    private ServiceUpdates() {
    }

    static void carryOver(Service service, Service old) {
        ServiceSpec spec = service.getSpec();
        ServiceSpec oldSpec = old.getSpec() == null ? new ServiceSpec() : old.getSpec();
        trimForDualStackDowngrade(spec, oldSpec);
        dropTypeDependentFields(spec, oldSpec);
        patchAllocatedValues(spec, oldSpec);
        normalizeClusterIPs(spec, oldSpec);
        patchIpFamilies(spec, oldSpec);
    }

    private static void trimForDualStackDowngrade(ServiceSpec spec, ServiceSpec old) {
        boolean wasDualStack = "RequireDualStack".equals(old.getIpFamilyPolicy()) || "PreferDualStack".equals(old.getIpFamilyPolicy());
        if (wasDualStack && "SingleStack".equals(spec.getIpFamilyPolicy())) {
            if (Values.nonNull(spec.getClusterIPs()).size() > 1) {
                spec.setClusterIPs(new ArrayList<>(spec.getClusterIPs().subList(0, 1)));
            }
            if (Values.nonNull(spec.getIpFamilies()).size() > 1) {
                spec.setIpFamilies(new ArrayList<>(spec.getIpFamilies().subList(0, 1)));
            }
        }
    }

    // Only fields the client left as they were are dropped: a changed one is the client's choice,
    // and validation will say whether it fits the new type.
    private static void dropTypeDependentFields(ServiceSpec spec, ServiceSpec old) {
        if (needsClusterIP(old) && !needsClusterIP(spec)) {
            if (Objects.equals(str(old.getClusterIP()), str(spec.getClusterIP()))
                    && Values.nonNull(old.getClusterIPs()).equals(Values.nonNull(spec.getClusterIPs()))) {
                spec.setClusterIP(null);
                spec.setClusterIPs(new ArrayList<>());
            }
            if (Values.nonNull(old.getIpFamilies()).equals(Values.nonNull(spec.getIpFamilies()))) {
                spec.setIpFamilies(new ArrayList<>());
            }
            if (Objects.equals(old.getIpFamilyPolicy(), spec.getIpFamilyPolicy())) {
                spec.setIpFamilyPolicy(null);
            }
        }
        // Ports may be added, removed or changed, as long as no new NodePort appears.
        if (needsNodePort(old) && !needsNodePort(spec) && nodePorts(old).containsAll(nodePorts(spec))) {
            Values.nonNull(spec.getPorts()).forEach(port -> port.setNodePort(null));
        }
        if (needsHealthCheckNodePort(old) && !needsHealthCheckNodePort(spec)
                && Objects.equals(old.getHealthCheckNodePort(), spec.getHealthCheckNodePort())) {
            spec.setHealthCheckNodePort(null);
        }
        if (type(old).equals("LoadBalancer") && !type(spec).equals("LoadBalancer")) {
            if (old.getAllocateLoadBalancerNodePorts() != null
                    && Objects.equals(old.getAllocateLoadBalancerNodePorts(), spec.getAllocateLoadBalancerNodePorts())) {
                spec.setAllocateLoadBalancerNodePorts(null);
            }
            if (Objects.equals(old.getLoadBalancerClass(), spec.getLoadBalancerClass())) {
                spec.setLoadBalancerClass(null);
            }
        }
        if (externallyAccessible(old) && !externallyAccessible(spec)
                && Objects.equals(str(old.getExternalTrafficPolicy()), str(spec.getExternalTrafficPolicy()))) {
            spec.setExternalTrafficPolicy(null);
        }
    }

    private static void patchAllocatedValues(ServiceSpec spec, ServiceSpec old) {
        if (needsClusterIP(old) && needsClusterIP(spec)) {
            if (Values.isEmpty(spec.getClusterIP())) {
                spec.setClusterIP(old.getClusterIP());
            }
            if (Values.nonNull(spec.getClusterIPs()).isEmpty() && !Values.nonNull(old.getClusterIPs()).isEmpty()) {
                spec.setClusterIPs(new ArrayList<>(old.getClusterIPs()));
            }
        }
        if (needsNodePort(old) && needsNodePort(spec)) {
            // NodePorts the new ports already use cannot be handed to another port.
            Set<Integer> used = nodePorts(old);
            used.retainAll(nodePorts(spec));
            Map<String, Integer> byName = new HashMap<>();
            for (ServicePort port : Values.nonNull(old.getPorts())) {
                byName.put(str(port.getName()), port.getNodePort() == null ? 0 : port.getNodePort());
            }
            for (ServicePort port : Values.nonNull(spec.getPorts())) {
                Integer previous = byName.get(str(port.getName()));
                if ((port.getNodePort() == null || port.getNodePort() == 0) && previous != null && previous != 0
                        && !used.contains(previous)) {
                    port.setNodePort(previous);
                }
            }
        }
        if (needsHealthCheckNodePort(old) && needsHealthCheckNodePort(spec)
                && (spec.getHealthCheckNodePort() == null || spec.getHealthCheckNodePort() == 0)) {
            spec.setHealthCheckNodePort(old.getHealthCheckNodePort());
        }
    }

    private static void normalizeClusterIPs(ServiceSpec spec, ServiceSpec old) {
        List<String> oldIps = Values.nonNull(old.getClusterIPs());
        // An old client patching some other field sends the singular field only.
        if (!oldIps.isEmpty() && Values.nonNull(spec.getClusterIPs()).isEmpty()
                && str(old.getClusterIP()).equals(str(spec.getClusterIP()))) {
            spec.setClusterIPs(new ArrayList<>(oldIps));
        }
        if (!str(old.getClusterIP()).equals(str(spec.getClusterIP()))
                && oldIps.equals(Values.nonNull(spec.getClusterIPs()))) {
            // The singular field changed and the plural did not: the client meant the singular one.
            spec.setClusterIPs(Values.isEmpty(spec.getClusterIP()) ? new ArrayList<>() : new ArrayList<>(List.of(spec.getClusterIP())));
        }
    }

    // ipam fills families and policy when it allocates the IPs; a client re-sending its manifest
    // leaves them out, and they still describe the same, unchanged IPs.
    private static void patchIpFamilies(ServiceSpec spec, ServiceSpec old) {
        if (!needsClusterIP(old) || !needsClusterIP(spec)
                || !Values.nonNull(old.getClusterIPs()).equals(Values.nonNull(spec.getClusterIPs()))) {
            return;
        }
        if (Values.nonNull(spec.getIpFamilies()).isEmpty() && !Values.nonNull(old.getIpFamilies()).isEmpty()) {
            spec.setIpFamilies(new ArrayList<>(old.getIpFamilies()));
        }
        if (spec.getIpFamilyPolicy() == null) {
            spec.setIpFamilyPolicy(old.getIpFamilyPolicy());
        }
    }

    private static Set<Integer> nodePorts(ServiceSpec spec) {
        Set<Integer> ports = new HashSet<>();
        for (ServicePort port : Values.nonNull(spec.getPorts())) {
            if (port.getNodePort() != null && port.getNodePort() != 0) {
                ports.add(port.getNodePort());
            }
        }
        return ports;
    }

    private static boolean needsClusterIP(ServiceSpec spec) {
        return !type(spec).equals("ExternalName");
    }

    private static boolean needsNodePort(ServiceSpec spec) {
        return type(spec).equals("NodePort") || type(spec).equals("LoadBalancer");
    }

    private static boolean needsHealthCheckNodePort(ServiceSpec spec) {
        return type(spec).equals("LoadBalancer") && "Local".equals(spec.getExternalTrafficPolicy());
    }

    private static boolean externallyAccessible(ServiceSpec spec) {
        return needsNodePort(spec) || (type(spec).equals("ClusterIP") && !Values.nonNull(spec.getExternalIPs()).isEmpty());
    }

    private static String type(ServiceSpec spec) {
        return Values.isEmpty(spec.getType()) ? "ClusterIP" : spec.getType();
    }

    private static String str(@Nullable String value) {
        return value == null ? "" : value;
    }
}
