package io.kubeplane.apiserver.http;

import io.kubeplane.model.KubernetesJson;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts an object's top-level fields in the order Kubernetes prints them ({@code apiVersion},
 * {@code kind}, {@code metadata}, {@code spec}, {@code status}, then the rest); the store's JSONB
 * keeps keys in its own order. Stateless.
 */
final class ObjectJson {

    private static final List<String> ORDER = List.of("apiVersion", "kind", "metadata", "spec", "status");

    private ObjectJson() {
    }

    static ObjectNode canonical(String json) {
        JsonNode parsed = KubernetesJson.JSON.readTree(json);
        ObjectNode ordered = KubernetesJson.JSON.createObjectNode();
        for (String field : ORDER) {
            if (parsed.has(field)) {
                ordered.set(field, parsed.get(field));
            }
        }
        parsed.properties().forEach(e -> {
            if (!ordered.has(e.getKey())) {
                ordered.set(e.getKey(), e.getValue());
            }
        });
        return ordered;
    }
}
