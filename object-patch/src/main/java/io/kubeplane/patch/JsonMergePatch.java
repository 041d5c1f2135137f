package io.kubeplane.patch;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON merge patch, RFC 7386 ({@code application/merge-patch+json}, {@code kubectl patch --type merge}).
 *
 * <pre>
 *   target                      patch                          result
 *   {"a":1,"b":{"c":2,"d":3}}   {"b":{"c":null,"e":4},"f":[5]}  {"a":1,"b":{"d":3,"e":4},"f":[5]}
 * </pre>
 * Objects merge key by key, {@code null} removes a key, anything else (arrays included) replaces. A
 * patch that is not an object replaces the whole target, as the RFC says; the api-server rejects
 * such a result when it decodes it into the kind.
 *
 * <p>Stateless and thread-safe. Inputs are never modified; the result shares no nodes with them.
 */
public final class JsonMergePatch {

    private JsonMergePatch() {
    }

    /**
     * @param target the current document
     * @param patch the merge patch
     * @return the patched document, a new tree
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target.isObject() ? (ObjectNode) target.deepCopy() : JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                result.remove(name);
            }
            else {
                JsonNode current = result.get(name);
                // A new object value is merged into nothing, which drops the nulls inside it.
                result.set(name, apply(current == null ? JsonNodeFactory.instance.missingNode() : current, value));
            }
        }
        return result;
    }
}
