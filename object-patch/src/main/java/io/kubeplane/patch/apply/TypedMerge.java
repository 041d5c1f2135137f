package io.kubeplane.patch.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kubeplane.patch.PatchException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges an applied configuration into a live object, as structured-merge-diff's
 * {@code TypedValue.Merge} with its keep-the-right-side rule: leaves (scalars, atomic lists and
 * objects) take the configuration's value, granular objects merge field by field, set and map lists
 * merge element by element.
 *
 * <p>A merged list keeps the live order and places the configuration's new elements where the
 * configuration has them relative to the elements both share:
 * <pre>
 *   live    [a, b, c]        config  [d, b]        merged  [a, d, b, c]
 * </pre>
 * Nothing is removed here; dropping what an applier no longer sets is the prune step of
 * {@link Updater}.
 *
 * <p>Stateless and thread-safe. Inputs are never modified; the result shares no nodes with them.
 */
final class TypedMerge {

    private TypedMerge() {
    }

    /**
     * @param live the live object (Java null for none)
     * @param config the applied configuration
     * @param type their type
     * @return the merged object
     * @throws PatchException if a list element cannot be identified, or the configuration lists a key twice
     */
    static JsonNode merge(@Nullable JsonNode live, JsonNode config, TypeRef type) {
        JsonNode merged = merge(live, config, type, FieldPath.of());
        return merged == null ? JsonNodeFactory.instance.objectNode() : merged;
    }

    private static @Nullable JsonNode merge(@Nullable JsonNode left, @Nullable JsonNode right, TypeRef type, FieldPath path) {
        Shape shape = Shape.common(left, right);
        if (shape == null) {
            // a value of another shape replaces the live one whole
            return right == null ? null : right.deepCopy();
        }
        if (!shape.granular(type) || (Shape.isEmpty(left) && Shape.isEmpty(right))) {
            JsonNode kept = right != null ? right : left;
            return kept == null ? null : kept.deepCopy();
        }
        return shape == Shape.OBJECT ? mergeObjects(left, right, type, path) : mergeLists(left, right, type, path);
    }

    private static @Nullable JsonNode mergeObjects(@Nullable JsonNode left, @Nullable JsonNode right, TypeRef type, FieldPath path) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Set<String> keys = new LinkedHashSet<>();
        if (left != null && left.isObject()) {
            keys.addAll(left.propertyNames());
        }
        if (right != null && right.isObject()) {
            keys.addAll(right.propertyNames());
        }
        for (String key : keys) {
            JsonNode l = left == null ? null : left.get(key);
            JsonNode r = right == null ? null : right.get(key);
            JsonNode merged = merge(l, r, type.field(key), path.child(PathElement.field(key)));
            if (merged != null) {
                out.set(key, merged);
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** Structured-merge-diff's {@code visitListItems}, step for step, for the same element order. */
    private static @Nullable JsonNode mergeLists(@Nullable JsonNode left, @Nullable JsonNode right, TypeRef type, FieldPath path) {
        List<JsonNode> lhs = items(left);
        List<JsonNode> rhs = items(right);
        List<PathElement> rhsElements = ListElements.of(JsonNodeFactory.instance.arrayNode().addAll(rhs), type.listType(), path);
        ListElements.checkUnique(rhsElements, path);
        List<PathElement> lhsElements = ListElements.of(JsonNodeFactory.instance.arrayNode().addAll(lhs), type.listType(), path);
        Map<PathElement, JsonNode> observedRight = new HashMap<>();
        for (int i = 0; i < rhs.size(); i++) {
            observedRight.put(rhsElements.get(i), rhs.get(i));
        }
        Map<PathElement, JsonNode> observedLeft = new HashMap<>();
        for (int i = 0; i < lhs.size(); i++) {
            // a duplicated live element is not merged with the configuration's: it merges as null
            observedLeft.merge(lhsElements.get(i), lhs.get(i), (first, second) -> NullNode.getInstance());
        }

        Iterator<PathElement> shared = rhsElements.stream().filter(observedLeft::containsKey).toList().iterator();
        PathElement nextShared = shared.hasNext() ? shared.next() : null;
        Set<PathElement> mergedRight = new HashSet<>();
        List<JsonNode> out = new ArrayList<>();
        int l = 0;
        int r = 0;
        while (l < lhs.size() || r < rhs.size()) {
            if (l < lhs.size() && r < rhs.size()) {
                PathElement element = lhsElements.get(l);
                if (element.equals(rhsElements.get(r))) {
                    mergedRight.add(element);
                    add(out, mergeItem(observedLeft.get(element), observedRight.get(element), type, path, element));
                    l++;
                    r++;
                    nextShared = shared.hasNext() ? shared.next() : null;
                    continue;
                }
                if (observedRight.containsKey(element) && nextShared != null && !nextShared.equals(element)) {
                    // an element both have, but not the one the configuration puts next
                    l++;
                    continue;
                }
            }
            if (l < lhs.size()) {
                PathElement element = lhsElements.get(l);
                if (!observedRight.containsKey(element)) {
                    add(out, mergeItem(lhs.get(l), null, type, path, element));
                    l++;
                    continue;
                }
                if (mergedRight.contains(element)) {
                    l++;
                }
            }
            if (r < rhs.size()) {
                PathElement element = rhsElements.get(r);
                mergedRight.add(element);
                add(out, mergeItem(observedLeft.get(element), observedRight.get(element), type, path, element));
                r++;
                if (nextShared != null && nextShared.equals(element)) {
                    nextShared = shared.hasNext() ? shared.next() : null;
                }
            }
        }
        if (out.isEmpty()) {
            return null;
        }
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        out.forEach(list::add);
        return list;
    }

    private static @Nullable JsonNode mergeItem(@Nullable JsonNode left, @Nullable JsonNode right, TypeRef type, FieldPath path, PathElement element) {
        return merge(left, right, type.element(), path.child(element));
    }

    private static void add(List<JsonNode> out, @Nullable JsonNode item) {
        if (item != null) {
            out.add(item);
        }
    }

    private static List<JsonNode> items(@Nullable JsonNode list) {
        return list == null || !list.isArray() ? List.of() : List.copyOf(list.values());
    }
}
