package io.kubeplane.patch.apply;

import java.util.ArrayList;
import java.util.Map;

import io.kubeplane.patch.PatchException;
import io.kubeplane.patch.PatchSchemas;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Small operations on whole Kubernetes objects that both {@link ManagedFields} and
 * {@link ServerSideApply} need: reading the kind, taking {@code metadata.managedFields} off and
 * putting it back, dropping the nulls a merge leaves.
 *
 * <p>Stateless and thread-safe.
 */
final class ObjectTrees {

    static final String MANAGED_FIELDS = "managedFields";

    private ObjectTrees() {
    }

    /** @return the object's {@code apiVersion}; throws if it has none */
    static String apiVersion(JsonNode object) {
        return required(object, "apiVersion");
    }

    /** @return the object's {@code kind}; throws if it has none */
    static String kind(JsonNode object) {
        return required(object, "kind", "Kind");
    }

    /** @throws PatchException with the message of apimachinery's missing kind or version error */
    private static String required(JsonNode object, String field) {
        return required(object, field, field);
    }

    private static String required(JsonNode object, String field, String name) {
        JsonNode value = object.get(field);
        if (value == null || !value.isString() || value.stringValue().isEmpty()) {
            throw new PatchException("Object '" + name + "' is missing in '" + abbreviate(object) + "'");
        }
        return value.stringValue();
    }

    private static String abbreviate(JsonNode object) {
        String text = object.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    /** @return the server-side apply type of the object's kind */
    static TypeRef typeOf(String apiVersion, String kind) {
        return TypeRef.root(PatchSchemas.forKind(apiVersion, kind));
    }

    /** @return {@code metadata.managedFields} as sent, or null if absent */
    static @Nullable JsonNode managedFields(JsonNode object) {
        JsonNode value = object.path("metadata").get(MANAGED_FIELDS);
        return value == null || value.isMissingNode() ? null : value;
    }

    /** @return a copy of the object without {@code metadata.managedFields} */
    static ObjectNode withoutManagedFields(JsonNode object) {
        if (!object.isObject()) {
            throw new PatchException("a Kubernetes object must be a JSON object, not " + object.getNodeType());
        }
        ObjectNode copy = (ObjectNode) object.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove(MANAGED_FIELDS);
        }
        return copy;
    }

    /** @return whether the object has a {@code metadata.uid}, i.e. was stored before */
    static boolean hasUid(@Nullable JsonNode object) {
        return object != null && !object.path("metadata").path("uid").asString("").isEmpty();
    }

    /** Sets (or, for none, removes) {@code metadata.managedFields} of {@code object} in place. */
    static ObjectNode write(ObjectNode object, ManagedFields managedFields) {
        if (managedFields.entries().isEmpty()) {
            if (object.get("metadata") instanceof ObjectNode metadata) {
                metadata.remove(MANAGED_FIELDS);
            }
            return object;
        }
        ObjectNode metadata = object.get("metadata") instanceof ObjectNode existing ? existing : object.putObject("metadata");
        metadata.set(MANAGED_FIELDS, managedFields.toJson());
        return object;
    }

    /** Drops object members whose value is null, at every depth, in place (Go's typed objects have none). */
    static void stripNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> entry : new ArrayList<>(object.properties())) {
                if (entry.getValue().isNull()) {
                    object.remove(entry.getKey());
                }
                else {
                    stripNulls(entry.getValue());
                }
            }
        }
        else if (node.isArray()) {
            node.values().forEach(ObjectTrees::stripNulls);
        }
    }
}
