package io.kubeplane.apiserver.bootstrap;

import io.kubeplane.model.KubernetesJson;
import io.kubeplane.model.validation.IpValidation;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code default/kubernetes} Service and its Endpoints and EndpointSlice, as kube-apiserver
 * writes them: ClusterIP the first address of the first service CIDR, port 443 named {@code https}
 * to the api-servers' secure port. Pure.
 */
final class KubernetesServiceObjects {

    static final String NAME = "kubernetes";
    static final String NAMESPACE = "default";

    private KubernetesServiceObjects() {
    }

    /** The first address after the network address of {@code cidr}: {@code 10.96.0.0/12} gives {@code 10.96.0.1}. */
    static String firstAddress(String cidr) {
        String network = cidr.substring(0, cidr.indexOf('/'));
        byte[] bytes = IpValidation.parseIp(network).orElseThrow(() -> new IllegalArgumentException("not a CIDR: " + cidr))
                .getAddress();
        for (int i = bytes.length - 1; i >= 0; i--) {
            bytes[i]++;
            if (bytes[i] != 0) {
                break;
            }
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ObjectNode service(String clusterIP, int targetPort) {
        ObjectNode service = KubernetesJson.JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Service");
        ObjectNode metadata = service.putObject("metadata").put("name", NAME).put("namespace", NAMESPACE);
        metadata.putObject("labels").put("component", "apiserver").put("provider", "kubernetes");
        ObjectNode spec = service.putObject("spec").put("type", "ClusterIP").put("clusterIP", clusterIP)
                .put("sessionAffinity", "None");
        spec.putArray("ports").addObject().put("name", "https").put("port", 443).put("protocol", "TCP")
                .put("targetPort", targetPort);
        return service;
    }

    /** The Endpoints listing {@code addresses} (sorted, for a stable object) on {@code port}; no subset when none. */
    static ObjectNode endpoints(List<String> addresses, int port) {
        ObjectNode endpoints = KubernetesJson.JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Endpoints");
        endpoints.putObject("metadata").put("name", NAME).put("namespace", NAMESPACE)
                .putObject("labels").put("endpointslice.kubernetes.io/skip-mirror", "true");
        ArrayNode subsets = endpoints.putArray("subsets");
        if (!addresses.isEmpty()) {
            ObjectNode subset = subsets.addObject();
            ArrayNode list = subset.putArray("addresses");
            addresses.stream().sorted().forEach(ip -> list.addObject().put("ip", ip));
            subset.putArray("ports").addObject().put("name", "https").put("port", port).put("protocol", "TCP");
        }
        return endpoints;
    }

    /** The EndpointSlice listing {@code addresses} (sorted) as ready endpoints on {@code port}. */
    static ObjectNode endpointSlice(List<String> addresses, int port) {
        boolean ipv6 = !addresses.isEmpty() && IpValidation.isIPv6(addresses.getFirst());
        ObjectNode slice = KubernetesJson.JSON.createObjectNode().put("apiVersion", "discovery.k8s.io/v1")
                .put("kind", "EndpointSlice").put("addressType", ipv6 ? "IPv6" : "IPv4");
        slice.putObject("metadata").put("name", NAME).put("namespace", NAMESPACE)
                .putObject("labels").put("kubernetes.io/service-name", NAME);
        ArrayNode endpoints = slice.putArray("endpoints");
        addresses.stream().sorted().forEach(ip -> {
            ObjectNode endpoint = endpoints.addObject();
            endpoint.putArray("addresses").add(ip);
            endpoint.putObject("conditions").put("ready", true);
        });
        slice.putArray("ports").addObject().put("name", "https").put("port", port).put("protocol", "TCP");
        return slice;
    }

    /**
     * A copy of {@code current} with the subsets (Endpoints) or endpoints and ports (EndpointSlice) of
     * {@code wanted}; {@code current} itself is left as it is, so the update can tell what changed.
     */
    static ObjectNode withEndpointsOf(ObjectNode current, ObjectNode wanted) {
        ObjectNode updated = current.deepCopy();
        for (String field : new String[] {"subsets", "endpoints", "ports", "addressType"}) {
            if (wanted.has(field)) {
                updated.set(field, wanted.get(field).deepCopy());
            }
        }
        return updated;
    }
}
