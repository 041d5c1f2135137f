package io.kubeplane.patch;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Value comparison for JSON trees as Go compares decoded JSON: numbers by value, whatever node type
 * Jackson chose ({@code 80} from a parser is an {@code IntNode}, from a fabric8 {@code Long} field a
 * {@code LongNode}, and {@code 80.0} a {@code DoubleNode}; Go decodes all three to the same float64).
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonValues {

    private JsonValues() {
    }

    /** @return whether two values are equal as JSON values (numbers by value, objects ignoring key order) */
    public static boolean same(JsonNode left, JsonNode right) {
        if (left.isNumber() && right.isNumber()) {
            return left.decimalValue().compareTo(right.decimalValue()) == 0;
        }
        if (left.getNodeType() != right.getNodeType()) {
            return false;
        }
        if (left.isObject()) {
            if (left.size() != right.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> entry : left.properties()) {
                JsonNode other = right.get(entry.getKey());
                if (other == null || !same(entry.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (left.isArray()) {
            if (left.size() != right.size()) {
                return false;
            }
            Iterator<JsonNode> others = right.values().iterator();
            for (JsonNode element : left.values()) {
                if (!same(element, others.next())) {
                    return false;
                }
            }
            return true;
        }
        return left.equals(right);
    }

    /** @return a short name of the value's JSON type for messages: object, array, string, ... */
    static String typeName(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
