package io.kubeplane.patch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' strategic merge patch ({@code application/strategic-merge-patch+json}, the default of
 * {@code kubectl patch} and what a client-side {@code kubectl apply} sends), applied as
 * apimachinery's {@code strategicpatch.StrategicMergeMapPatch} applies it on the server.
 *
 * <p>A JSON merge patch that knows the type it patches ({@link PatchSchema}) and understands these
 * directives:
 * <pre>
 *   "ports": [{"port": 80, "targetPort": 8081}]         merge list: element merged by key "port"
 *   "labels": {"tier": null}                            null deletes a key
 *   "ports": [{"port": 80, "$patch": "delete"}]         delete the element with that key
 *   "ports": [{"$patch": "replace"}, {"port": 81}]      replace the whole list
 *   "selector": {"$patch": "replace", "app": "web"}     replace the whole map
 *   "strategy": {"$patch": "delete"}                    clear the map
 *   "$retainKeys": ["type"]                             drop the keys of the map not listed
 *   "$deleteFromPrimitiveList/finalizers": ["a"]        remove values from a list of primitives
 *   "$setElementOrder/ports": [{"port": 80}, ...]       order of the merged list (kubectl apply)
 * </pre>
 * {@code "$patch": "merge"} is accepted as the explicit default, where apimachinery rejects it.
 *
 * <p>Where the target has no value for a field, the patch value is merged into nothing: its nulls
 * and directives are dropped, so no {@code $retainKeys} or {@code $setElementOrder} key ever reaches
 * the stored object. (apimachinery copies such values nearly raw and relies on decoding into Go
 * structs to drop the directive keys; kubeplane stores trees, so it cleans them here.)
 *
 * <p>Stateless and thread-safe. Inputs are never modified; the result is a new tree.
 */
public final class StrategicMergePatch {

    static final String PATCH = "$patch";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
    static final String SET_ELEMENT_ORDER = "$setElementOrder";

    private StrategicMergePatch() {
    }

    /**
     * Applies a patch to an object whose kind's schema is found from its {@code apiVersion} and
     * {@code kind} ({@link PatchSchemas#forObject}).
     *
     * @param target the current object
     * @param patch the strategic merge patch, a JSON object
     * @return the patched object
     * @throws PatchException if the patch is malformed
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        return apply(target, patch, PatchSchemas.forObject(target.isObject() ? target : patch));
    }

    /**
     * @param target the current object (null or missing reads as an empty object)
     * @param patch the strategic merge patch, a JSON object
     * @param schema the patch schema of the target's type
     * @return the patched object
     * @throws PatchException if the patch is malformed or the target is not an object
     */
    public static JsonNode apply(JsonNode target, JsonNode patch, PatchSchema schema) {
        if (!patch.isObject()) {
            throw new PatchException("strategic merge patch must be a JSON object, not " + JsonValues.typeName(patch));
        }
        ObjectNode original;
        if (target.isObject()) {
            original = (ObjectNode) target.deepCopy();
        }
        else if (target.isNull() || target.isMissingNode()) {
            original = JsonNodeFactory.instance.objectNode();
        }
        else {
            throw new PatchException("strategic merge patch applies to a JSON object, not " + JsonValues.typeName(target));
        }
        return mergeMap(original, (ObjectNode) patch.deepCopy(), schema, "");
    }

    /**
     * Merges {@code patch} into {@code original}, both owned by the caller and changed in place.
     *
     * @return the merged object: {@code original}, or a new object for {@code $patch: replace|delete}
     */
    static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, PatchSchema schema, String path) {
        JsonNode directive = patch.remove(PATCH);
        if (directive != null) {
            switch (directive.asString("")) {
                case "replace" -> {
                    return mergeMap(JsonNodeFactory.instance.objectNode(), patch, schema, path);
                }
                case "delete" -> {
                    return JsonNodeFactory.instance.objectNode();
                }
                case "merge" -> {
                    // the default; nothing to do
                }
                default -> throw new PatchException(at(path) + "unknown patch type: " + text(directive) + " in map: " + patch);
            }
        }
        applyRetainKeys(original, patch, path);
        // Ordered lists first: each takes its list out of the patch, so the loop below skips it.
        applyElementOrders(original, patch, schema, path);

        List<Map.Entry<String, JsonNode>> deletions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : new ArrayList<>(patch.properties())) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                deletions.add(entry);
                continue;
            }
            if (value.isNull()) {
                original.remove(key);
                continue;
            }
            String childPath = child(path, key);
            PatchMeta meta = schema.meta(key);
            PatchSchema childSchema = schema.schemaOf(key);
            JsonNode current = original.get(key);
            if (current == null || current.getNodeType() != value.getNodeType() || meta.replaces()) {
                setFresh(original, key, value, childSchema, childPath);
            }
            else if (value.isObject()) {
                original.set(key, mergeMap((ObjectNode) current, (ObjectNode) value, childSchema, childPath));
            }
            else if (value.isArray() && meta.merges()) {
                original.set(key, StrategicListMerge.merge((ArrayNode) current, (ArrayNode) value, meta, childSchema, childPath));
            }
            else {
                // scalars, and lists without the merge strategy, are replaced
                setFresh(original, key, value, childSchema, childPath);
            }
        }
        // Deletions last, whatever the key order: apimachinery walks a Go map here, so a value both
        // added and deleted by one patch ends up either way there; here it is deleted.
        for (Map.Entry<String, JsonNode> deletion : deletions) {
            String field = directiveField(deletion.getKey(), DELETE_FROM_PRIMITIVE_LIST, path);
            deleteFromPrimitiveList(original, field, deletion.getValue(), path);
        }
        return original;
    }

    /**
     * The value a field gets when the target has none (or one of another type, or the field is
     * replaced whole): the patch value merged into nothing, or null if it asks for deletion.
     */
    static @Nullable JsonNode fresh(JsonNode value, PatchSchema schema, String path) {
        if (value.isObject()) {
            if (value.path(PATCH).asString("").equals("delete")) {
                return null;
            }
            return mergeMap(JsonNodeFactory.instance.objectNode(), (ObjectNode) value, schema, path);
        }
        if (value.isArray()) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            int index = 0;
            for (JsonNode element : value.values()) {
                // Directive elements ($patch: replace/delete) mean nothing in a new list.
                if (!(element.isObject() && element.has(PATCH))) {
                    JsonNode built = fresh(element, schema, path + "[" + index + "]");
                    if (built != null) {
                        list.add(built);
                    }
                }
                index++;
            }
            return list;
        }
        return value;
    }

    private static void setFresh(ObjectNode original, String key, JsonNode value, PatchSchema schema, String path) {
        JsonNode built = fresh(value, schema, path);
        if (built == null) {
            original.remove(key);
        }
        else {
            original.set(key, built);
        }
    }

    /**
     * {@code $retainKeys}: the keys of the original not listed are cleared; every non-null key of the
     * patch must be listed (apimachinery's check that the patch is consistent).
     */
    private static void applyRetainKeys(ObjectNode original, ObjectNode patch, String path) {
        JsonNode retainKeys = patch.remove(RETAIN_KEYS);
        if (retainKeys == null) {
            return;
        }
        if (!retainKeys.isArray()) {
            throw new PatchException(at(path) + "invalid patch format of retainKeys: " + RETAIN_KEYS
                    + " must be a list of keys, not " + JsonValues.typeName(retainKeys));
        }
        Set<String> retained = new HashSet<>();
        for (JsonNode name : retainKeys.values()) {
            if (name.isString()) {
                retained.add(name.asString());
            }
        }
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String key = entry.getKey();
            if (entry.getValue().isNull() || key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            if (!retained.contains(key)) {
                throw new PatchException(at(path) + "invalid patch format of retainKeys: " + key
                        + " is patched but not listed in " + RETAIN_KEYS + " " + retainKeys);
            }
        }
        original.retain(retained);
    }

    /**
     * {@code $setElementOrder/<field>}: merges the field's list as usual, then orders it by the
     * directive, keeping elements only the server has (say, added by another client) near their
     * neighbours.
     */
    private static void applyElementOrders(ObjectNode original, ObjectNode patch, PatchSchema schema, String path) {
        for (String key : List.copyOf(patch.propertyNames())) {
            if (!key.startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            JsonNode order = patch.remove(key);
            String field = directiveField(key, SET_ELEMENT_ORDER, path);
            String childPath = child(path, field);
            if (!order.isArray()) {
                throw new PatchException(at(path) + "invalid patch format of setElementOrder list: " + key
                        + " must be a list, not " + JsonValues.typeName(order));
            }
            JsonNode current = original.get(field);
            JsonNode listPatch = patch.remove(field);
            if ((current != null && !current.isArray()) || (listPatch != null && !listPatch.isArray())) {
                throw new PatchException(at(path) + "invalid patch format of setElementOrder list: " + field
                        + " must be a list in both the patch and the object");
            }
            PatchMeta meta = schema.meta(field);
            PatchSchema elements = schema.schemaOf(field);
            StrategicListMerge.checkOrderMatchesPatch((ArrayNode) listPatch, (ArrayNode) order, meta.mergeKey(), childPath);
            ArrayNode merged;
            List<JsonNode> serverOrder = current == null ? List.of() : List.copyOf(current.values());
            if (listPatch == null) {
                if (current == null) {
                    continue;
                }
                merged = (ArrayNode) current;
            }
            else if (current != null && meta.merges()) {
                StrategicListMerge.Merged result = StrategicListMerge.mergeWithView(
                        (ArrayNode) current, (ArrayNode) listPatch, meta, elements, childPath);
                merged = result.list();
                serverOrder = result.serverView();
            }
            else {
                merged = (ArrayNode) fresh(listPatch, elements, childPath);
            }
            original.set(field, StrategicListMerge.order(merged, (ArrayNode) order, serverOrder, meta.mergeKey(), childPath));
        }
    }

    /** {@code $deleteFromPrimitiveList/<field>}: removes every occurrence of the listed values. */
    private static void deleteFromPrimitiveList(ObjectNode original, String field, JsonNode values, String path) {
        JsonNode current = original.get(field);
        if (values.isNull()) {
            // apimachinery reads a null list here as a null for the field itself
            original.remove(field);
            return;
        }
        if (!values.isArray()) {
            throw new PatchException(at(path) + "invalid patch format of primitive list: " + DELETE_FROM_PRIMITIVE_LIST
                    + "/" + field + " must be a list, not " + JsonValues.typeName(values));
        }
        if (current == null || !current.isArray()) {
            return;
        }
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        for (JsonNode element : current.values()) {
            if (element.isContainer()) {
                throw new PatchException(at(path) + DELETE_FROM_PRIMITIVE_LIST + "/" + field
                        + " applies to a list of primitives, but the list holds " + JsonValues.typeName(element) + "s");
            }
            boolean deleted = false;
            for (JsonNode value : values.values()) {
                deleted |= JsonValues.same(element, value);
            }
            if (!deleted) {
                kept.add(element);
            }
        }
        original.set(field, kept);
    }

    /** @return the field named by a {@code $prefix/field} directive key */
    private static String directiveField(String key, String prefix, String path) {
        int slash = key.indexOf('/');
        if (slash < 0 || !key.substring(0, slash).equals(prefix) || slash == key.length() - 1) {
            String what = prefix.equals(SET_ELEMENT_ORDER) ? "setElementOrder list" : "primitive list";
            throw new PatchException(at(path) + "invalid patch format of " + what + ": " + key
                    + " is not " + prefix + "/<field>");
        }
        return key.substring(slash + 1);
    }

    /** @return a directive value as written: strings bare, anything else as JSON */
    static String text(JsonNode directive) {
        return directive.isString() ? directive.asString() : directive.toString();
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String at(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }
}
