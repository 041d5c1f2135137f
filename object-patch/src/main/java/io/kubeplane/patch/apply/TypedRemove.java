package io.kubeplane.patch.apply;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes the items of a field set from a value, as structured-merge-diff's
 * {@code TypedValue.RemoveItems}: a member path removes that field, list element or set value with
 * everything below it; a path that only goes through a field removes inside it. An object or list
 * left with nothing becomes {@code null}, as in Go (callers drop those nulls from the stored object).
 *
 * <p>Stateless and thread-safe. The input is never modified; the result shares unchanged subtrees
 * with it, so callers copy before changing it in place.
 */
final class TypedRemove {

    private TypedRemove() {
    }

    /**
     * @param value the value
     * @param remove the paths to remove, relative to the value
     * @param type its type
     * @return the value without them
     */
    static JsonNode removeItems(JsonNode value, FieldSet remove, TypeRef type) {
        if (remove.isEmpty()) {
            return value;
        }
        Shape shape = Shape.of(value);
        if (!shape.granular(type) || value.isEmpty()) {
            // nothing to remove inside a leaf; Go's walker yields nothing for it
            return shape == Shape.SCALAR || shape == Shape.NULL ? value : NullNode.getInstance();
        }
        if (shape == Shape.OBJECT) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                PathElement element = PathElement.field(entry.getKey());
                if (remove.has(FieldPath.of(element))) {
                    continue;
                }
                out.set(entry.getKey(), removeItems(entry.getValue(), remove.withPrefix(element), type.field(entry.getKey())));
            }
            return out.isEmpty() ? NullNode.getInstance() : out;
        }
        List<PathElement> elements = ListElements.of(value, type.listType(), FieldPath.of());
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        int index = 0;
        for (JsonNode item : value.values()) {
            PathElement element = elements.get(index++);
            if (remove.has(FieldPath.of(element))) {
                continue;
            }
            out.add(removeItems(item, remove.withPrefix(element), type.element()));
        }
        return out.isEmpty() ? NullNode.getInstance() : out;
    }
}
