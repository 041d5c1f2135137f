package io.kubeplane.endpoints.desired;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The subsets of a Service's v1 Endpoints, as kube-controller-manager's endpoints controller
 * computes them: each selected pod with an IP of the Service's primary family, ready ones as
 * {@code addresses} and the rest as {@code notReadyAddresses} (all as addresses with
 * {@code publishNotReadyAddresses}); terminating pods left out unless not-ready addresses are
 * published; a named target port resolved per pod, a pod without it left out of that port's subset;
 * addresses that share the same ports packed into one subset. At most {@value #MAX_ADDRESSES}
 * addresses, ready ones first, the rest cut and flagged. Pure.
 */
public final class DesiredEndpoints {

    public static final int MAX_ADDRESSES = 1000;
    public static final String OVER_CAPACITY = "endpoints.kubernetes.io/over-capacity";

    /** @param truncated more addresses were selected than an Endpoints object may hold */
    public record Result(List<EndpointSubset> subsets, boolean truncated) {
    }

    private record Address(EndpointAddress address, boolean ready) {
    }

    private DesiredEndpoints() {
    }

    public static Result of(Service service, List<Pod> pods) {
        boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
        String family = primaryFamily(service);
        List<ServicePort> servicePorts = service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts();
        boolean headless = "None".equals(service.getSpec().getClusterIP());
        // address (by IP) -> the ports it serves; kept in pod order, sorted at the end
        Map<String, Address> addresses = new LinkedHashMap<>();
        Map<String, List<EndpointPort>> portsOf = new LinkedHashMap<>();
        for (Pod pod : pods.stream().sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList()) {
            if (!PodRules.selects(service, pod) || !PodRules.eligible(pod, publishNotReady)) {
                continue;
            }
            String ip = family == null ? PodRules.ips(pod).getFirst() : PodRules.ipOfFamily(pod, family);
            if (ip == null || addresses.containsKey(ip)) {
                continue;
            }
            List<EndpointPort> ports = new ArrayList<>();
            for (ServicePort servicePort : servicePorts) {
                OptionalInt target = PodRules.targetPort(pod, servicePort);
                if (target.isPresent()) {
                    ports.add(new EndpointPortBuilder().withName(emptyToNull(servicePort.getName())).withPort(target.getAsInt())
                            .withProtocol(servicePort.getProtocol() == null ? "TCP" : servicePort.getProtocol())
                            .withAppProtocol(servicePort.getAppProtocol()).build());
                }
            }
            if (ports.isEmpty() && !(servicePorts.isEmpty() && headless)) {
                continue; // serves none of the Service's ports
            }
            boolean ready = publishNotReady || PodRules.ready(pod);
            addresses.put(ip, new Address(address(pod, ip, service), ready));
            portsOf.put(ip, ports);
        }
        return pack(addresses, portsOf);
    }

    private static Result pack(Map<String, Address> addresses, Map<String, List<EndpointPort>> portsOf) {
        // Each address's sort key is made once: a Service of a thousand pods is packed on every change.
        Map<String, String> order = new HashMap<>();
        addresses.keySet().forEach(ip -> order.put(ip, ipOrder(ip)));
        List<String> byReadiness = new ArrayList<>(addresses.keySet());
        byReadiness.sort(Comparator.comparing((String ip) -> !addresses.get(ip).ready()).thenComparing(order::get));
        boolean truncated = byReadiness.size() > MAX_ADDRESSES;
        List<String> kept = new ArrayList<>(truncated ? byReadiness.subList(0, MAX_ADDRESSES) : byReadiness);
        kept.sort(Comparator.comparing(order::get));
        Map<String, EndpointSubsetBuilder> subsets = new TreeMap<>();
        for (String ip : kept) {
            List<EndpointPort> ports = portsOf.get(ip).stream()
                    .sorted(Comparator.comparing((EndpointPort p) -> p.getName() == null ? "" : p.getName())
                            .thenComparing(EndpointPort::getPort).thenComparing(EndpointPort::getProtocol))
                    .toList();
            String key = ports.stream().map(p -> p.getName() + "/" + p.getPort() + "/" + p.getProtocol()).toList().toString();
            EndpointSubsetBuilder subset = subsets.computeIfAbsent(key, k -> new EndpointSubsetBuilder().withPorts(ports));
            Address address = addresses.get(ip);
            if (address.ready()) {
                subset.addToAddresses(address.address());
            } else {
                subset.addToNotReadyAddresses(address.address());
            }
        }
        return new Result(subsets.values().stream().map(EndpointSubsetBuilder::build).toList(), truncated);
    }

    private static EndpointAddress address(Pod pod, String ip, Service service) {
        return new EndpointAddressBuilder()
                .withIp(ip)
                .withNodeName(pod.getSpec() == null ? null : emptyToNull(pod.getSpec().getNodeName()))
                .withHostname(PodRules.hostname(pod, service))
                .withTargetRef(new ObjectReferenceBuilder().withKind("Pod").withNamespace(pod.getMetadata().getNamespace())
                        .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).build())
                .build();
    }

    /** The family of the Service's first IP, or null for a headless Service without families (then each pod's first IP). */
    static String primaryFamily(Service service) {
        List<String> families = service.getSpec().getIpFamilies();
        if (families != null && !families.isEmpty()) {
            return families.getFirst();
        }
        String clusterIp = service.getSpec().getClusterIP();
        return clusterIp == null || clusterIp.isEmpty() || "None".equals(clusterIp) ? null : PodRules.familyOf(clusterIp);
    }

    static int compareIps(String a, String b) {
        return ipOrder(a).compareTo(ipOrder(b));
    }

    /** A sort key that orders IPv4 addresses numerically: 10.0.0.9 before 10.0.0.10. */
    private static String ipOrder(String ip) {
        if (ip.contains(":")) {
            return "6" + ip;
        }
        StringBuilder key = new StringBuilder("4");
        for (String part : ip.split("\\.")) {
            key.append("%03d".formatted(Integer.parseInt(part)));
        }
        return key.toString();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
