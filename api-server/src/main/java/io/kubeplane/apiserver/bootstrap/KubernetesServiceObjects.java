package io.kubeplane.apiserver.bootstrap;

import io.kubeplane.model.KubernetesJson;
import io.kubeplane.model.validation.IpValidation;
import java.net.InetAddress;
import java.net.UnknownHostException;
import tools.jackson.databind.JsonNode;
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

    static ObjectNode endpoints(String address, int port) {
        ObjectNode endpoints = KubernetesJson.JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Endpoints");
        endpoints.putObject("metadata").put("name", NAME).put("namespace", NAMESPACE)
                .putObject("labels").put("endpointslice.kubernetes.io/skip-mirror", "true");
        ObjectNode subset = endpoints.putArray("subsets").addObject();
        subset.putArray("addresses").addObject().put("ip", address);
        subset.putArray("ports").addObject().put("name", "https").put("port", port).put("protocol", "TCP");
        return endpoints;
    }

    static ObjectNode endpointSlice(String address, int port) {
        ObjectNode slice = KubernetesJson.JSON.createObjectNode().put("apiVersion", "discovery.k8s.io/v1")
                .put("kind", "EndpointSlice").put("addressType", IpValidation.isIPv6(address) ? "IPv6" : "IPv4");
        slice.putObject("metadata").put("name", NAME).put("namespace", NAMESPACE)
                .putObject("labels").put("kubernetes.io/service-name", NAME);
        ObjectNode endpoint = slice.putArray("endpoints").addObject();
        endpoint.putArray("addresses").add(address);
        endpoint.putObject("conditions").put("ready", true);
        slice.putArray("ports").addObject().put("name", "https").put("port", port).put("protocol", "TCP");
        return slice;
    }

    /** Endpoints with {@code address} added to the first subset, if it is not already there. */
    static ObjectNode withAddress(ObjectNode endpoints, String address, int port) {
        JsonNode subsets = endpoints.path("subsets");
        if (subsets.isEmpty()) {
            ObjectNode fresh = endpoints(address, port);
            endpoints.set("subsets", fresh.get("subsets"));
            return endpoints;
        }
        ArrayNode addresses = ((ObjectNode) subsets.get(0)).withArrayProperty("addresses");
        for (JsonNode existing : addresses) {
            if (existing.path("ip").asString("").equals(address)) {
                return endpoints;
            }
        }
        addresses.addObject().put("ip", address);
        return endpoints;
    }

    /** An EndpointSlice with an endpoint for {@code address} added, if it has none yet. */
    static ObjectNode sliceWithAddress(ObjectNode slice, String address) {
        ArrayNode endpoints = slice.withArrayProperty("endpoints");
        for (JsonNode endpoint : endpoints) {
            for (JsonNode existing : endpoint.path("addresses")) {
                if (existing.asString("").equals(address)) {
                    return slice;
                }
            }
        }
        ObjectNode endpoint = endpoints.addObject();
        endpoint.putArray("addresses").add(address);
        endpoint.putObject("conditions").put("ready", true);
        return slice;
    }
}
