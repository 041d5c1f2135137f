package io.kubeplane.apiserver.printing;

import io.kubeplane.model.KubernetesJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shared pieces of the printing tests: a fixed clock and objects written as YAML, the way
 * {@code kubectl get -o yaml} shows them.
 *
 * <p>Address ranges in every suite: pods 10.244.0.0/16 (fd00:10:244::/56), ClusterIPs 10.96.0.0/12
 * (fd00:10:96::/112), nodes 192.168.49.0/24, LoadBalancer pool 172.18.255.200-172.18.255.250.
 */
final class PrintingFixtures {

    /** The time of every request in these tests. */
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private PrintingFixtures() {
    }

    /** @return the RFC 3339 timestamp this long before {@link #NOW} */
    static String ago(Duration elapsed) {
        return NOW.minus(elapsed).toString();
    }

    /** @return the object a YAML document describes, as a JSON tree */
    static JsonNode yaml(String document) {
        return KubernetesJson.YAML.readTree(document);
    }

    /**
     * Names the object and dates it, keeping any metadata it has.
     *
     * @return the object, in namespace {@code default}, with this name and creationTimestamp
     */
    static JsonNode withMetadata(JsonNode object, String name, String creationTimestamp) {
        ObjectNode root = (ObjectNode) object;
        ObjectNode metadata = root.path("metadata") instanceof ObjectNode existing ? existing : root.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", "default");
        metadata.put("creationTimestamp", creationTimestamp);
        return object;
    }

    /** @return the cells the printer makes for the object at {@link #NOW} */
    static List<Object> cells(ResourcePrinter printer, JsonNode object) {
        return printer.print(object, NOW).cells();
    }
}
