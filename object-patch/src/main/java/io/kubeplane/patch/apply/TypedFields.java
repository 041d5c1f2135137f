package io.kubeplane.patch.apply;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The field set of a value, as structured-merge-diff's {@code TypedValue.ToFieldSet}: what an applied
 * configuration sets, and so what its manager owns.
 * <pre>
 *   scalar, null, atomic list or object       the path itself
 *   struct field                               its contents; the field itself only when null or {}
 *   map entry (labels)                         its contents and the key itself
 *   set or map list element                    the element ([=v] or [key=...]) and its contents
 *   empty set or map list                      nothing
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
final class TypedFields {

    private TypedFields() {
    }

    /**
     * @param value an object
     * @param type its type
     * @return the paths the value sets
     * @throws io.kubeplane.patch.PatchException if a list element cannot be identified
     */
    static FieldSet of(JsonNode value, TypeRef type) {
        FieldSet.Builder set = FieldSet.builder();
        collect(value, type, FieldPath.of(), set);
        return set.build();
    }

    private static void collect(JsonNode value, TypeRef type, FieldPath path, FieldSet.Builder set) {
        Shape shape = Shape.of(value);
        if (!shape.granular(type)) {
            set.insert(path);
            return;
        }
        if (shape == Shape.OBJECT) {
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                JsonNode child = entry.getValue();
                FieldPath childPath = path.child(PathElement.field(entry.getKey()));
                collect(child, type.field(entry.getKey()), childPath, set);
                if (child.isNull() || (child.isObject() && child.isEmpty()) || !type.hasNamedFields()) {
                    set.insert(childPath);
                }
            }
            return;
        }
        List<PathElement> elements = ListElements.of(value, type.listType(), path);
        // a duplicated key (a live object may have one) is owned as one element, its contents not at all
        Set<PathElement> seen = new HashSet<>();
        Set<PathElement> duplicates = new HashSet<>();
        for (PathElement element : elements) {
            if (!seen.add(element) && duplicates.add(element)) {
                set.insert(path.child(element));
            }
        }
        int index = 0;
        for (JsonNode item : value.values()) {
            PathElement element = elements.get(index++);
            if (!duplicates.contains(element)) {
                FieldPath itemPath = path.child(element);
                collect(item, type.element(), itemPath, set);
                set.insert(itemPath);
            }
        }
    }

    /**
     * Structured-merge-diff's {@code EnsureNamedFieldsAreMembers}: the set, plus every struct field
     * it has paths below as a member itself, so that removing the set's items removes those fields
     * whole (used when an applier drops fields).
     *
     * @param type the type of the object the set describes; null where unknown
     */
    static FieldSet ensureNamedFieldsAreMembers(FieldSet set, @Nullable TypeRef type) {
        FieldSet.Builder out = FieldSet.builder();
        addNamedFields(set, type, FieldPath.of(), out);
        return out.build();
    }

    private static void addNamedFields(FieldSet set, @Nullable TypeRef type, FieldPath prefix, FieldSet.Builder out) {
        for (PathElement member : set.members()) {
            out.insert(prefix.child(member));
        }
        for (Map.Entry<PathElement, FieldSet> child : set.children().entrySet()) {
            PathElement element = child.getKey();
            TypeRef childType = null;
            if (type != null && element instanceof PathElement.FieldName(String name)) {
                if (type.hasNamedFields()) {
                    out.insert(prefix.child(element));
                }
                childType = type.field(name);
            }
            else if (type != null && element instanceof PathElement.Key) {
                childType = type.element();
            }
            addNamedFields(child.getValue(), childType, prefix.child(element), out);
        }
    }
}
