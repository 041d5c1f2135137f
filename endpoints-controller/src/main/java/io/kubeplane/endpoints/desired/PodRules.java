package io.kubeplane.endpoints.desired;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** How Kubernetes reads a pod for its Services' endpoints. Pure. */
public final class PodRules {

    private PodRules() {
    }

    /** Whether the Service selects pods at all: a selector-less Service's endpoints are written by hand. */
    public static boolean hasSelector(Service service) {
        return service.getSpec() != null && service.getSpec().getSelector() != null
               && !service.getSpec().getSelector().isEmpty();
    }

    /** Whether {@code pod} is in the Service's namespace and carries every label of its selector. */
    public static boolean selects(Service service, Pod pod) {
        if (!hasSelector(service) || !service.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace())) {
            return false;
        }
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (labels == null) {
            return false;
        }
        return service.getSpec().getSelector().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /**
     * Whether a pod can be an endpoint at all: it has an IP, has not finished (Succeeded or Failed),
     * and, unless {@code includeTerminating}, is not being deleted.
     */
    public static boolean eligible(Pod pod, boolean includeTerminating) {
        if (pod.getStatus() == null) {
            return false;
        }
        String phase = pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return false;
        }
        if (ips(pod).isEmpty()) {
            return false;
        }
        return includeTerminating || !terminating(pod);
    }

    public static boolean terminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    /** The pod's Ready condition is True. */
    public static boolean ready(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition condition : pod.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType())) {
                return "True".equals(condition.getStatus());
            }
        }
        return false;
    }

    /** The pod's IPs, {@code status.podIP} first. */
    public static List<String> ips(Pod pod) {
        Set<String> ips = new LinkedHashSet<>();
        if (pod.getStatus() == null) {
            return List.of();
        }
        if (pod.getStatus().getPodIP() != null && !pod.getStatus().getPodIP().isBlank()) {
            ips.add(pod.getStatus().getPodIP());
        }
        if (pod.getStatus().getPodIPs() != null) {
            for (PodIP ip : pod.getStatus().getPodIPs()) {
                if (ip.getIp() != null && !ip.getIp().isBlank()) {
                    ips.add(ip.getIp());
                }
            }
        }
        return List.copyOf(ips);
    }

    /** The pod's IP of one family ({@code IPv4} or {@code IPv6}), or null. */
    public static @Nullable String ipOfFamily(Pod pod, String family) {
        for (String ip : ips(pod)) {
            if (family.equals(familyOf(ip))) {
                return ip;
            }
        }
        return null;
    }

    public static String familyOf(String ip) {
        return ip.contains(":") ? "IPv6" : "IPv4";
    }

    /**
     * The pod's hostname as an endpoint's, when it names one and its subdomain is the Service (the
     * way headless Services give pods DNS names); else null.
     */
    public static @Nullable String hostname(Pod pod, Service service) {
        if (pod.getSpec() == null) {
            return null;
        }
        String hostname = pod.getSpec().getHostname();
        boolean applies = hostname != null && !hostname.isEmpty()
                          && service.getMetadata().getName().equals(pod.getSpec().getSubdomain())
                          && service.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace());
        return applies ? hostname : null;
    }

    /**
     * The pod port a Service port sends to: a number as it is; a name looked up among the pod's
     * container ports of the same protocol; empty when the pod has no port of that name.
     */
    public static OptionalInt targetPort(Pod pod, ServicePort port) {
        IntOrString target = port.getTargetPort();
        if (target == null || (target.getIntVal() == null && (target.getStrVal() == null || target.getStrVal().isEmpty()))) {
            return OptionalInt.of(port.getPort());
        }
        if (target.getIntVal() != null) {
            return OptionalInt.of(target.getIntVal());
        }
        String name = target.getStrVal();
        String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
        List<Container> containers = new ArrayList<>();
        if (pod.getSpec() != null && pod.getSpec().getContainers() != null) {
            containers.addAll(pod.getSpec().getContainers());
        }
        for (Container container : containers) {
            for (ContainerPort containerPort : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
                String cpProtocol = containerPort.getProtocol() == null ? "TCP" : containerPort.getProtocol();
                if (name.equals(containerPort.getName()) && protocol.equals(cpProtocol)) {
                    return OptionalInt.of(containerPort.getContainerPort());
                }
            }
        }
        return OptionalInt.empty();
    }
}
