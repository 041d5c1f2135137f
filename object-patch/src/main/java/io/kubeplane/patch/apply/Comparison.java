package io.kubeplane.patch.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kubeplane.patch.PatchException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What changed from one object to another, as structured-merge-diff's {@code TypedValue.Compare}:
 * the paths added, modified and removed. A leaf (scalar, atomic list or object, or a list or object
 * empty on both sides) is added, modified or removed as a whole; a granular list or object is
 * compared item by item, and is itself added or removed when absent on one side.
 *
 * <p>Immutable and thread-safe.
 *
 * @param added paths the new object has and the old did not
 * @param modified leaves both have with different values
 * @param removed paths the old object had and the new does not
 */
record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {

    /**
     * @param before the old object (Java null for none)
     * @param after the new object
     * @param type their type
     * @return what changed
     * @throws PatchException if a list element cannot be identified
     */
    static Comparison of(@Nullable JsonNode before, @Nullable JsonNode after, TypeRef type) {
        Walk walk = new Walk();
        if (before != null || after != null) {
            walk.compare(before, after, type, FieldPath.of());
        }
        return new Comparison(walk.added.build(), walk.modified.build(), walk.removed.build());
    }

    /** @return the comparison without the paths in {@code reset} and below them (the fields a strategy resets) */
    Comparison excluding(FieldSet reset) {
        return new Comparison(added.recursiveDifference(reset), modified.recursiveDifference(reset), removed.recursiveDifference(reset));
    }

    /** The compare walk; one per comparison. */
    private static final class Walk {

        final FieldSet.Builder added = FieldSet.builder();
        final FieldSet.Builder modified = FieldSet.builder();
        final FieldSet.Builder removed = FieldSet.builder();

        void compare(@Nullable JsonNode left, @Nullable JsonNode right, TypeRef type, FieldPath path) {
            Shape shape = Shape.common(left, right);
            if (shape == null) {
                // an object or list replaced by a value of another shape: the parts of a granular
                // side go or come; a side that is a leaf (or empty) makes the field itself modified
                boolean leftLeaf = !Shape.of(left).granular(type) || left.isEmpty();
                boolean rightLeaf = !Shape.of(right).granular(type) || right.isEmpty();
                if (!leftLeaf) {
                    walkOneSide(left, null, type, path);
                }
                if (!rightLeaf) {
                    walkOneSide(null, right, type, path);
                }
                if (leftLeaf || rightLeaf) {
                    modified.insert(path);
                }
                return;
            }
            if (!shape.granular(type) || (Shape.isEmpty(left) && Shape.isEmpty(right))) {
                leaf(left, right, path);
                return;
            }
            if (shape == Shape.OBJECT) {
                compareObjects(left, right, type, path);
            }
            else {
                compareLists(left, right, type, path);
            }
            if (left == null) {
                added.insert(path);
            }
            else if (right == null) {
                removed.insert(path);
            }
        }

        private void walkOneSide(@Nullable JsonNode left, @Nullable JsonNode right, TypeRef type, FieldPath path) {
            JsonNode value = left != null ? left : right;
            if (value != null && value.isObject()) {
                compareObjects(left, right, type, path);
            }
            else {
                compareLists(left, right, type, path);
            }
        }

        private void leaf(@Nullable JsonNode left, @Nullable JsonNode right, FieldPath path) {
            if (left == null) {
                added.insert(path);
            }
            else if (right == null) {
                removed.insert(path);
            }
            else if (!GoValues.equal(left, right)) {
                modified.insert(path);
            }
        }

        private void compareObjects(@Nullable JsonNode left, @Nullable JsonNode right, TypeRef type, FieldPath path) {
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
                compare(l, r, type.field(key), path.child(PathElement.field(key)));
            }
        }

        private void compareLists(@Nullable JsonNode left, @Nullable JsonNode right, TypeRef type, FieldPath path) {
            Map<PathElement, List<JsonNode>> lefts = index(left, type, path);
            Map<PathElement, List<JsonNode>> rights = index(right, type, path);
            Set<PathElement> all = new LinkedHashSet<>(lefts.keySet());
            all.addAll(rights.keySet());
            for (PathElement element : all) {
                List<JsonNode> l = lefts.getOrDefault(element, List.of());
                List<JsonNode> r = rights.getOrDefault(element, List.of());
                FieldPath elementPath = path.child(element);
                if (l.size() <= 1 && r.size() <= 1) {
                    compare(l.isEmpty() ? null : l.getFirst(), r.isEmpty() ? null : r.getFirst(), type.element(), elementPath);
                }
                else if (l.size() >= 2 && r.size() >= 2) {
                    // duplicates on both sides compare as one atomic value
                    if (!sameItems(l, r)) {
                        modified.insert(elementPath);
                    }
                }
                else if (l.size() >= 2) {
                    // duplicates resolved: the single new item is added, the duplicate marker removed
                    if (!r.isEmpty()) {
                        compare(null, r.getFirst(), type.element(), elementPath);
                    }
                    removed.insert(elementPath);
                }
                else {
                    // new duplicates: the old single item is removed, the duplicate marker added
                    if (!l.isEmpty()) {
                        compare(l.getFirst(), null, type.element(), elementPath);
                    }
                    added.insert(elementPath);
                }
            }
        }

        private static Map<PathElement, List<JsonNode>> index(@Nullable JsonNode list, TypeRef type, FieldPath path) {
            Map<PathElement, List<JsonNode>> items = new LinkedHashMap<>();
            if (list == null || !list.isArray()) {
                return items;
            }
            List<PathElement> elements = ListElements.of(list, type.listType(), path);
            int index = 0;
            for (JsonNode item : list.values()) {
                items.computeIfAbsent(elements.get(index++), e -> new ArrayList<>()).add(item);
            }
            return items;
        }

        private static boolean sameItems(List<JsonNode> left, List<JsonNode> right) {
            if (left.size() != right.size()) {
                return false;
            }
            for (int i = 0; i < left.size(); i++) {
                if (!GoValues.equal(left.get(i), right.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
