package io.kubeplane.patch;

import java.util.EnumSet;

import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatchException;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * JSON patch, RFC 6902 ({@code application/json-patch+json}, {@code kubectl patch --type json}):
 * {@code add}, {@code remove}, {@code replace}, {@code move}, {@code copy} and {@code test}, applied in
 * order, all or nothing.
 *
 * <pre>
 *   [{"op":"test","path":"/metadata/resourceVersion","value":"42"},
 *    {"op":"replace","path":"/spec/replicas","value":3},
 *    {"op":"add","path":"/metadata/labels/tier","value":"web"},
 *    {"op":"remove","path":"/spec/ports/1"}]
 * </pre>
 * Operations run through zjsonpatch, strictly (removing a missing member fails, as in Kubernetes),
 * except {@code test}, which is evaluated here so numbers compare by value ({@code 3} equals
 * {@code 3.0} and a {@code LongNode} 3, as in Kubernetes' Go implementation).
 *
 * <p>Stateless and thread-safe. Inputs are never modified; the result is a new tree.
 */
public final class JsonPatch {

    private static final EnumSet<CompatibilityFlags> STRICT = EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);

    private JsonPatch() {
    }

    /**
     * @param target the current document
     * @param patch the JSON patch, an array of operations
     * @return the patched document
     * @throws PatchException if the patch is malformed, a path does not exist or a {@code test} fails;
     *     the message names the operation by index
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isArray()) {
            throw new PatchException("json patch must be an array of operations, not " + JsonValues.typeName(patch));
        }
        JsonNode document = target.deepCopy();
        int index = 0;
        for (JsonNode operation : patch.values()) {
            document = applyOne(document, operation, index++);
        }
        return document;
    }

    private static JsonNode applyOne(JsonNode document, JsonNode operation, int index) {
        if (!operation.isObject()) {
            throw new PatchException("json patch operation " + index + " must be an object, not "
                    + JsonValues.typeName(operation));
        }
        String op = operation.path("op").asString("");
        String path = operation.path("path").asString("");
        String described = "json patch operation " + index + " (" + (op.isEmpty() ? "?" : op) + " " + path + ")";
        if (op.equals("test")) {
            test(document, operation, described);
            return document;
        }
        // One operation per call keeps the failing index in the message; zjsonpatch copies the
        // document on every call, which is cheap for API objects and their short patches.
        ArrayNode single = JsonNodeFactory.instance.arrayNode().add(operation);
        try {
            return io.fabric8.zjsonpatch.JsonPatch.apply(single, document, STRICT);
        }
        catch (JsonPatchException ex) {
            throw new PatchException(described + " failed: " + ex.getMessage(), ex);
        }
        catch (RuntimeException ex) {
            // zjsonpatch reports some malformed pointers as IllegalArgumentException/IllegalStateException.
            throw new PatchException(described + " is invalid: " + ex.getMessage(), ex);
        }
    }

    private static void test(JsonNode document, JsonNode operation, String described) {
        JsonNode pathNode = operation.get("path");
        JsonNode expected = operation.get("value");
        if (pathNode == null || !pathNode.isString()) {
            throw new PatchException(described + " is invalid: missing 'path' field");
        }
        if (expected == null) {
            throw new PatchException(described + " is invalid: missing 'value' field");
        }
        JsonPointer pointer;
        try {
            pointer = JsonPointer.compile(pathNode.asString());
        }
        catch (IllegalArgumentException ex) {
            throw new PatchException(described + " is invalid: " + ex.getMessage(), ex);
        }
        JsonNode actual = document.at(pointer);
        if (actual.isMissingNode()) {
            throw new PatchException(described + " failed: no value at " + pathNode.asString());
        }
        if (!JsonValues.same(actual, expected)) {
            throw new PatchException(described + " failed: value is " + actual + ", expected " + expected);
        }
    }
}
