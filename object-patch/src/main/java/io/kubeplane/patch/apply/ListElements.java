package io.kubeplane.patch.apply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.kubeplane.patch.ListType;
import io.kubeplane.patch.PatchException;
import tools.jackson.databind.JsonNode;

/**
 * The {@link PathElement} of each element of a set or map list, as structured-merge-diff's
 * {@code listItemToPathElement}: a set element is its value, a map element is its key fields, with a
 * key field it leaves out taking its default ({@code {"port":80}} of a Service is
 * {@code [port=80,protocol="TCP"]}) and one without default left out of the key.
 *
 * <p>Stateless and thread-safe.
 */
final class ListElements {

    private ListElements() {
    }

    /**
     * @param list a set or map list
     * @param type its list type, not atomic
     * @param path the list's path, for messages
     * @return the path element of each element, in list order (duplicates included)
     * @throws PatchException if an element cannot be identified (a set holding objects, a map list
     *     element that is not an object or has none of the keys)
     */
    static List<PathElement> of(JsonNode list, ListType type, FieldPath path) {
        List<PathElement> elements = new ArrayList<>(list.size());
        int index = 0;
        for (JsonNode element : list.values()) {
            elements.add(of(element, type, path, index++));
        }
        return elements;
    }

    /**
     * Checks that no two elements have the same key or value, which an applied configuration may not
     * hold (a live object may).
     *
     * @throws PatchException naming the duplicated key
     */
    static void checkUnique(List<PathElement> elements, FieldPath path) {
        Set<PathElement> seen = new HashSet<>();
        for (PathElement element : elements) {
            if (!seen.add(element)) {
                throw new PatchException(path + ": duplicate entries for key " + element);
            }
        }
    }

    private static PathElement of(JsonNode element, ListType type, FieldPath path, int index) {
        if (type.kind() == ListType.Kind.MAP) {
            if (element.isNull()) {
                throw invalid(path, index, "associative list with keys may not have a null element");
            }
            if (!element.isObject()) {
                throw invalid(path, index, "associative list with keys may not have non-map elements");
            }
            List<PathElement.KeyField> fields = new ArrayList<>();
            Map<String, JsonNode> defaults = type.keyDefaults();
            for (String key : type.keys()) {
                JsonNode value = element.get(key);
                if (value == null) {
                    value = defaults.get(key);
                }
                if (value != null) {
                    fields.add(new PathElement.KeyField(key, value));
                }
            }
            if (fields.isEmpty()) {
                String keys = type.keys().stream().map(GoValues::quote).collect(Collectors.joining(" ", "[", "]"));
                throw invalid(path, index, "associative list with keys has an element that omits all key fields " + keys
                        + " (and doesn't have default values for any key fields)");
            }
            return new PathElement.Key(fields);
        }
        if (element.isObject()) {
            throw invalid(path, index, "associative list without keys has an element that's a map type");
        }
        if (element.isArray()) {
            throw invalid(path, index, "not supported: associative list with lists as elements");
        }
        if (element.isNull()) {
            throw invalid(path, index, "associative list without keys has an element that's an explicit null");
        }
        return new PathElement.Value(element);
    }

    private static PatchException invalid(FieldPath path, int index, String message) {
        return new PatchException(path + ": element " + index + ": " + message);
    }
}
