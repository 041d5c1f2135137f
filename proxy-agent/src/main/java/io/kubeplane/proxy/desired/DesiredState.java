package io.kubeplane.proxy.desired;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Computes a node's {@link ProxyState} from Services and EndpointSlices, as kube-proxy does:
 *
 * <ul>
 *   <li>Every port of every Service with a ClusterIP gets a rule; ExternalName and headless
 *       Services are not proxied.</li>
 *   <li>A port's endpoints come from the Service's EndpointSlices (label
 *       {@code kubernetes.io/service-name}) whose port of the same name and protocol gives the
 *       target port; an endpoint in two slices counts once.</li>
 *   <li>Endpoint choice is kube-proxy's {@code CategorizeEndpoints}: the ready endpoints; if none
 *       is ready, the serving and terminating ones (so connections drain during a rollout).
 *       {@code internalTrafficPolicy: Local} and, for NodePort and LoadBalancer Services,
 *       {@code externalTrafficPolicy: Local} keep only the endpoints on this node.</li>
 *   <li>A port with no usable endpoint anywhere REJECTs; one whose Local policy finds none on
 *       this node while others exist elsewhere DROPs.</li>
 * </ul>
 *
 * Topology-aware hints are not followed. Pure and thread-safe.
 */
public final class DesiredState {

    /** Kubernetes' default ClientIP affinity timeout: three hours. */
    public static final int DEFAULT_AFFINITY_SECONDS = 10800;
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private DesiredState() {
    }

    public static ProxyState compute(String nodeName, List<String> nodeIPs, Collection<Service> services,
                                     Collection<EndpointSlice> slices) {
        Map<String, List<EndpointSlice>> slicesByService = new HashMap<>();
        for (EndpointSlice slice : slices) {
            String service = slice.getMetadata().getLabels() == null ? null
                    : slice.getMetadata().getLabels().get(SERVICE_NAME_LABEL);
            if (service != null) {
                slicesByService.computeIfAbsent(slice.getMetadata().getNamespace() + "/" + service, k -> new ArrayList<>())
                        .add(slice);
            }
        }
        TreeMap<ServicePortName, ServicePortRule> rules = new TreeMap<>();
        for (Service service : services) {
            if (!proxied(service)) {
                continue;
            }
            String key = service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
            List<EndpointSlice> own = slicesByService.getOrDefault(key, List.of());
            for (ServicePort port : service.getSpec().getPorts()) {
                ServicePortRule rule = rule(service, port, own, nodeName);
                rules.put(rule.name(), rule);
            }
        }
        return new ProxyState(nodeName, nodeIPs, rules);
    }

    /** kube-proxy skips ExternalName Services and those without a ClusterIP (headless). */
    static boolean proxied(Service service) {
        ServiceSpec spec = service.getSpec();
        if (spec == null || "ExternalName".equals(spec.getType()) || spec.getPorts() == null) {
            return false;
        }
        String clusterIP = spec.getClusterIP();
        return clusterIP != null && !clusterIP.isEmpty() && !"None".equals(clusterIP);
    }

    private static ServicePortRule rule(Service service, ServicePort port, List<EndpointSlice> slices, String nodeName) {
        ServiceSpec spec = service.getSpec();
        String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
        ServicePortName name = new ServicePortName(service.getMetadata().getNamespace(), service.getMetadata().getName(),
                port.getName(), protocol);
        String type = spec.getType() == null ? "ClusterIP" : spec.getType();
        boolean nodePortType = "NodePort".equals(type) || "LoadBalancer".equals(type);
        List<String> clusterIPs = spec.getClusterIPs() == null || spec.getClusterIPs().isEmpty()
                ? List.of(spec.getClusterIP()) : spec.getClusterIPs();
        int nodePort = nodePortType && port.getNodePort() != null ? port.getNodePort() : 0;
        List<String> externalIPs = spec.getExternalIPs() == null ? List.of() : spec.getExternalIPs();
        List<String> lbIPs = "LoadBalancer".equals(type) && service.getStatus() != null
                             && service.getStatus().getLoadBalancer() != null
                             && service.getStatus().getLoadBalancer().getIngress() != null
                ? service.getStatus().getLoadBalancer().getIngress().stream().map(LoadBalancerIngress::getIp)
                        .filter(Objects::nonNull).toList()
                : List.of();
        boolean internalLocal = "Local".equals(spec.getInternalTrafficPolicy());
        boolean externallyAccessible = nodePort > 0 || !externalIPs.isEmpty() || !lbIPs.isEmpty();
        // kube-proxy applies externalTrafficPolicy only to NodePort and LoadBalancer Services.
        boolean externalLocal = nodePortType && "Local".equals(spec.getExternalTrafficPolicy());
        int affinity = affinitySeconds(spec);
        int healthCheckNodePort = spec.getHealthCheckNodePort() == null ? 0 : spec.getHealthCheckNodePort();

        List<Endpoint> all = endpoints(port.getName(), protocol, slices, nodeName);
        Categorized c = categorize(all, internalLocal || (externallyAccessible && externalLocal),
                !internalLocal || (externallyAccessible && !externalLocal));
        List<Endpoint> clusterSide = internalLocal ? c.local() : c.cluster();
        List<Endpoint> externalSide = externalLocal ? c.local() : c.cluster();
        Verdict internalVerdict = verdict(clusterSide, c.hasAny());
        Verdict externalVerdict = externallyAccessible ? verdict(externalSide, c.hasAny()) : Verdict.REJECT;
        return new ServicePortRule(name, type, protocol, clusterIPs, port.getPort(), nodePort, externalIPs, lbIPs,
                internalLocal, externalLocal, affinity, healthCheckNodePort, clusterSide,
                externallyAccessible ? externalSide : List.of(), internalVerdict, externalVerdict);
    }

    private static Verdict verdict(List<Endpoint> endpoints, boolean hasAny) {
        return !endpoints.isEmpty() ? Verdict.FORWARD : hasAny ? Verdict.DROP : Verdict.REJECT;
    }

    private static int affinitySeconds(ServiceSpec spec) {
        if (!"ClientIP".equals(spec.getSessionAffinity())) {
            return 0;
        }
        if (spec.getSessionAffinityConfig() != null && spec.getSessionAffinityConfig().getClientIP() != null
            && spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds() != null) {
            return spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds();
        }
        return DEFAULT_AFFINITY_SECONDS;
    }

    /** The service port's endpoints from every slice naming it, deduplicated by address, in order. */
    static List<Endpoint> endpoints(String portName, String protocol, List<EndpointSlice> slices, String nodeName) {
        String wanted = portName == null ? "" : portName;
        Map<String, Endpoint> byAddress = new LinkedHashMap<>();
        for (EndpointSlice slice : slices) {
            if ("FQDN".equals(slice.getAddressType()) || slice.getPorts() == null || slice.getEndpoints() == null) {
                continue;
            }
            Integer target = null;
            for (EndpointPort p : slice.getPorts()) {
                String sliceName = p.getName() == null ? "" : p.getName();
                String sliceProtocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
                if (sliceName.equals(wanted) && sliceProtocol.equals(protocol) && p.getPort() != null) {
                    target = p.getPort();
                }
            }
            if (target == null) {
                continue;
            }
            for (var endpoint : slice.getEndpoints()) {
                if (endpoint.getAddresses() == null || endpoint.getAddresses().isEmpty()) {
                    continue;
                }
                EndpointConditions conditions = endpoint.getConditions();
                boolean ready = conditions == null || conditions.getReady() == null || conditions.getReady();
                boolean serving = conditions == null || conditions.getServing() == null ? ready : conditions.getServing();
                boolean terminating = conditions != null && Boolean.TRUE.equals(conditions.getTerminating());
                String node = endpoint.getNodeName() == null ? "" : endpoint.getNodeName();
                String pod = endpoint.getTargetRef() != null && "Pod".equals(endpoint.getTargetRef().getKind())
                        ? endpoint.getTargetRef().getNamespace() + "/" + endpoint.getTargetRef().getName() : "";
                // kube-proxy uses the first address of an endpoint.
                Endpoint e = new Endpoint(endpoint.getAddresses().getFirst(), target, node, ready, serving, terminating,
                        !node.isEmpty() && node.equals(nodeName), pod);
                byAddress.putIfAbsent(e.address(), e);
            }
        }
        return byAddress.values().stream().sorted().toList();
    }

    private record Categorized(List<Endpoint> cluster, List<Endpoint> local, boolean hasAny) {
    }

    /** kube-proxy's {@code CategorizeEndpoints}, without topology hints. */
    static Categorized categorize(List<Endpoint> endpoints, boolean usesLocal, boolean usesCluster) {
        List<Endpoint> cluster = List.of();
        boolean hasAny = false;
        if (usesCluster) {
            cluster = endpoints.stream().filter(Endpoint::ready).toList();
            if (cluster.isEmpty()) {
                cluster = endpoints.stream().filter(e -> e.serving() && e.terminating()).toList();
            }
            hasAny = !cluster.isEmpty();
        }
        if (!usesLocal) {
            return new Categorized(cluster, List.of(), hasAny);
        }
        hasAny = hasAny || endpoints.stream().anyMatch(Endpoint::ready);
        List<Endpoint> local = endpoints.stream().filter(e -> e.local() && e.ready()).toList();
        if (local.isEmpty()) {
            local = endpoints.stream().filter(e -> e.local() && e.serving() && e.terminating()).toList();
        }
        hasAny = hasAny || !local.isEmpty();
        return new Categorized(cluster, local, hasAny);
    }
}
