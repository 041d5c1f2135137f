package io.kubeplane.apiserver.ipam;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a Service needs from ipam-service, read from its spec, and how the answer is written back.
 * Pure: trees in, trees out.
 *
 * <ul>
 *   <li>Cluster IPs for every type but ExternalName, unless headless ({@code clusterIP: None}); the
 *       values already in {@code clusterIPs} (or the singular {@code clusterIP}) are requested ones.</li>
 *   <li>A NodePort per port for NodePort and LoadBalancer services (LoadBalancer with
 *       {@code allocateLoadBalancerNodePorts: false}: only the ports that name one).</li>
 *   <li>A {@code healthCheckNodePort} for LoadBalancers with {@code externalTrafficPolicy: Local},
 *       where the node agents answer whether they have a local endpoint.</li>
 * </ul>
 */
final class ServiceAddressPlan {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ServiceAddressPlan() {
    }

    /** The values a Service holds: its cluster IPs and NodePorts, the health-check one included. */
    record Held(List<String> clusterIPs, List<Integer> nodePorts) {
        static final Held NONE = new Held(List.of(), List.of());

        /** What this holds and {@code other} does not. */
        Held minus(Held other) {
            return new Held(clusterIPs.stream().filter(ip -> !other.clusterIPs.contains(ip)).toList(),
                    nodePorts.stream().filter(p -> !other.nodePorts.contains(p)).distinct().toList());
        }

        boolean isEmpty() {
            return clusterIPs.isEmpty() && nodePorts.isEmpty();
        }
    }

    /** The allocation request for {@code service}, or empty when it needs nothing. */
    static Optional<ObjectNode> request(ObjectNode service, boolean dryRun) {
        JsonNode spec = service.path("spec");
        String type = type(spec);
        boolean wantsClusterIps = !type.equals("ExternalName") && !spec.path("clusterIP").asString("").equals("None");
        ArrayNode nodePorts = NODES.arrayNode();
        if (type.equals("NodePort") || type.equals("LoadBalancer")) {
            boolean every = !(type.equals("LoadBalancer") && !spec.path("allocateLoadBalancerNodePorts").asBoolean(true));
            JsonNode ports = spec.path("ports");
            for (int i = 0; i < ports.size(); i++) {
                JsonNode port = ports.get(i);
                int nodePort = port.path("nodePort").asInt(0);
                if (every || nodePort != 0) {
                    nodePorts.addObject().put("index", i).put("port", port.path("port").asInt())
                            .put("protocol", port.path("protocol").asString("TCP")).put("nodePort", nodePort);
                }
            }
        }
        boolean wantsHealthCheck = type.equals("LoadBalancer") && spec.path("externalTrafficPolicy").asString("").equals("Local");
        if (!wantsClusterIps && nodePorts.isEmpty() && !wantsHealthCheck) {
            return Optional.empty();
        }
        JsonNode metadata = service.path("metadata");
        ObjectNode request = NODES.objectNode()
                .put("namespace", metadata.path("namespace").asString(""))
                .put("name", metadata.path("name").asString(""))
                .put("uid", metadata.path("uid").asString(""))
                .put("dryRun", dryRun);
        if (wantsClusterIps) {
            ObjectNode clusterIps = request.putObject("clusterIPs");
            if (spec.hasNonNull("ipFamilyPolicy")) {
                clusterIps.put("ipFamilyPolicy", spec.path("ipFamilyPolicy").asString());
            }
            clusterIps.set("ipFamilies", spec.path("ipFamilies").isArray() ? spec.path("ipFamilies").deepCopy() : NODES.arrayNode());
            ArrayNode requested = clusterIps.putArray("requested");
            clusterIps(spec).forEach(requested::add);
        } else {
            request.putNull("clusterIPs");
        }
        request.set("nodePorts", nodePorts);
        if (wantsHealthCheck) {
            request.put("healthCheckNodePort", spec.path("healthCheckNodePort").asInt(0));
        }
        return Optional.of(request);
    }

    /** Writes ipam-service's answer into the Service's spec. */
    static void apply(ObjectNode service, JsonNode allocation) {
        ObjectNode spec = service.has("spec") && service.get("spec").isObject()
                ? (ObjectNode) service.get("spec") : service.putObject("spec");
        JsonNode ips = allocation.path("clusterIPs");
        if (!ips.isEmpty()) {
            spec.put("clusterIP", ips.get(0).asString());
            spec.set("clusterIPs", ips.deepCopy());
            spec.set("ipFamilies", allocation.path("ipFamilies").deepCopy());
            spec.put("ipFamilyPolicy", allocation.path("ipFamilyPolicy").asString());
        }
        if (allocation.path("healthCheckNodePort").isInt()) {
            spec.put("healthCheckNodePort", allocation.path("healthCheckNodePort").asInt());
        }
        JsonNode ports = spec.path("ports");
        for (JsonNode nodePort : allocation.path("nodePorts")) {
            JsonNode port = ports.path(nodePort.path("index").asInt());
            if (port instanceof ObjectNode object) {
                object.put("nodePort", nodePort.path("nodePort").asInt());
            }
        }
    }

    /** The cluster IPs and NodePorts {@code service} holds; none for null. */
    static Held held(JsonNode service) {
        if (service == null || service.isMissingNode()) {
            return Held.NONE;
        }
        JsonNode spec = service.path("spec");
        List<String> ips = clusterIps(spec).stream().filter(ip -> !ip.isEmpty() && !ip.equals("None")).toList();
        List<Integer> nodePorts = new ArrayList<>();
        for (JsonNode port : spec.path("ports")) {
            int nodePort = port.path("nodePort").asInt(0);
            if (nodePort != 0 && !nodePorts.contains(nodePort)) {
                nodePorts.add(nodePort);
            }
        }
        int healthCheck = spec.path("healthCheckNodePort").asInt(0);
        if (healthCheck != 0 && !nodePorts.contains(healthCheck)) {
            nodePorts.add(healthCheck);
        }
        return new Held(ips, nodePorts);
    }

    /** {@code clusterIPs}, or {@code [clusterIP]} when only the singular field is set. */
    private static List<String> clusterIps(JsonNode spec) {
        List<String> ips = new ArrayList<>();
        spec.path("clusterIPs").forEach(ip -> ips.add(ip.asString("")));
        if (ips.isEmpty() && !spec.path("clusterIP").asString("").isEmpty()) {
            ips.add(spec.path("clusterIP").asString());
        }
        return ips;
    }

    private static String type(JsonNode spec) {
        String type = spec.path("type").asString("");
        return type.isEmpty() ? "ClusterIP" : type;
    }
}
