package io.kubeplane.endpoints.desired;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The endpoints a Service's EndpointSlices should hold, as kube-controller-manager's endpointslice
 * controller computes them: for each IP family of the Service, every selected pod with an IP of that
 * family and not finished — terminating ones too, with {@code ready: false} and their
 * {@code serving} and {@code terminating} conditions — grouped by the ports they serve (a named
 * target port resolved per pod), with node name, zone, hostname and the pod as target. Pure.
 */
public final class DesiredSlices {

    /** The label of the node's zone, copied to each endpoint. */
    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";

    /**
     * The endpoints of one address type that serve the same ports: one or more slices' worth.
     *
     * @param addressType {@code IPv4} or {@code IPv6}
     * @param ports       the ports, in the Service's order
     * @param endpoints   by address, in address order
     */
    public record Group(String addressType, List<EndpointPort> ports, Map<String, Endpoint> endpoints) {

        /** Identifies the group: address type and ports. */
        public String key() {
            return key(addressType, ports);
        }

        public static String key(String addressType, List<EndpointPort> ports) {
            return addressType + " " + ports.stream()
                    .map(p -> p.getName() + "/" + p.getPort() + "/" + p.getProtocol() + "/" + p.getAppProtocol()).toList();
        }
    }

    private DesiredSlices() {
    }

    /** The groups, keyed by {@link Group#key()}, in a stable order. */
    public static Map<String, Group> of(Service service, List<Pod> pods, Function<String, @Nullable Node> nodes) {
        boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
        List<ServicePort> servicePorts = service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts();
        Map<String, Group> groups = new LinkedHashMap<>();
        List<Pod> sorted = pods.stream().sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
        for (String family : addressTypes(service)) {
            for (Pod pod : sorted) {
                if (!PodRules.selects(service, pod) || !PodRules.eligible(pod, true)) {
                    continue;
                }
                String ip = PodRules.ipOfFamily(pod, family);
                if (ip == null) {
                    continue;
                }
                List<EndpointPort> ports = new ArrayList<>();
                for (ServicePort servicePort : servicePorts) {
                    OptionalInt target = PodRules.targetPort(pod, servicePort);
                    if (target.isPresent()) {
                        ports.add(new EndpointPortBuilder().withName(servicePort.getName() == null ? "" : servicePort.getName())
                                .withPort(target.getAsInt())
                                .withProtocol(servicePort.getProtocol() == null ? "TCP" : servicePort.getProtocol())
                                .withAppProtocol(servicePort.getAppProtocol()).build());
                    }
                }
                Group group = groups.computeIfAbsent(Group.key(family, ports),
                        k -> new Group(family, List.copyOf(ports), new LinkedHashMap<>()));
                group.endpoints().putIfAbsent(ip, endpoint(pod, ip, service, publishNotReady, nodes));
            }
        }
        return groups;
    }

    /** The families of the Service's IPs: its {@code ipFamilies}, else the family of its cluster IP, else IPv4. */
    public static List<String> addressTypes(Service service) {
        List<String> families = service.getSpec().getIpFamilies();
        if (families != null && !families.isEmpty()) {
            return List.copyOf(families);
        }
        String family = DesiredEndpoints.primaryFamily(service);
        return List.of(family == null ? "IPv4" : family);
    }

    private static Endpoint endpoint(Pod pod, String ip, Service service, boolean publishNotReady,
                                     Function<String, @Nullable Node> nodes) {
        boolean serving = PodRules.ready(pod);
        boolean terminating = PodRules.terminating(pod);
        // As in Kubernetes: never ready while terminating, unless not-ready addresses are published.
        boolean ready = publishNotReady || (serving && !terminating);
        String nodeName = pod.getSpec() == null || pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()
                ? null : pod.getSpec().getNodeName();
        Node node = nodeName == null ? null : nodes.apply(nodeName);
        String zone = node == null || node.getMetadata().getLabels() == null ? null : node.getMetadata().getLabels().get(ZONE_LABEL);
        return new EndpointBuilder()
                .withAddresses(ip)
                .withNewConditions().withReady(ready).withServing(serving).withTerminating(terminating).endConditions()
                .withNodeName(nodeName)
                .withZone(zone)
                .withHostname(PodRules.hostname(pod, service))
                .withTargetRef(new ObjectReferenceBuilder().withKind("Pod").withNamespace(pod.getMetadata().getNamespace())
                        .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).build())
                .build();
    }
}
