package io.kubeplane.patch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.JsonNodeType;
import tools.jackson.databind.node.ObjectNode;

/**
 * The list half of {@link StrategicMergePatch}: lists with {@code patchStrategy:"merge"}, merged by
 * key (objects) or as a set (primitives), and the order of the result.
 *
 * <p>The order follows apimachinery ({@code normalizeElementOrder}): the patched elements keep the
 * order of the patch (or of {@code $setElementOrder}), the elements only the server has keep theirs,
 * and the two runs are interleaved by the server's order where both sides know an element. New
 * elements therefore come before the server-only ones that follow them:
 * <pre>
 *   server [a b c]   patch [d]      →  [d a b c]
 *   server [a b c]   patch [b d]    →  [a b d c]
 *   server [1 4 2]   order [3 1 2], patch [3]  →  [3 1 4 2]
 * </pre>
 *
 * <p>Stateless and thread-safe; works on trees the caller owns.
 */
final class StrategicListMerge {

    private StrategicListMerge() {
    }

    /**
     * The merged list, and the current list as apimachinery's {@code $setElementOrder} step sees it
     * afterwards. There, Go's in-place {@code append} has shifted deleted elements out and written
     * appended ones into the freed slots of the same array, and the order of server-only elements
     * is then read from that view. kube-apiserver works on lists whose capacity equals their length,
     * which {@link ServerView} emulates, so that {@code kubectl apply} orders lists as on a cluster.
     */
    record Merged(ArrayNode list, List<JsonNode> serverView) {
    }

    /** Merges a patch list into the current list of a field with the merge strategy. */
    static ArrayNode merge(ArrayNode current, ArrayNode patch, PatchMeta meta, PatchSchema elements, String path) {
        return mergeWithView(current, patch, meta, elements, path).list();
    }

    static Merged mergeWithView(ArrayNode current, ArrayNode patch, PatchMeta meta, PatchSchema elements, String path) {
        ServerView view = new ServerView(current);
        if (current.isEmpty() && patch.isEmpty()) {
            return new Merged(current, view.asList());
        }
        JsonNodeType type = elementType(current, patch, path);
        String mergeKey = meta.mergeKey();
        List<JsonNode> original = new ArrayList<>(current.values());
        List<JsonNode> patchItems = new ArrayList<>();
        List<JsonNode> merged;
        if (type != JsonNodeType.OBJECT) {
            // A set of primitives: the union, each value once.
            merged = new ArrayList<>();
            for (JsonNode value : concat(original, patch.values())) {
                if (indexOf(merged, value, null) < 0) {
                    merged.add(value);
                }
            }
            patchItems.addAll(patch.values());
        }
        else {
            if (mergeKey == null) {
                throw new PatchException(StrategicMergePatch.at(path) + "cannot merge lists without merge key");
            }
            boolean replace = false;
            for (JsonNode element : patch.values()) {
                JsonNode directive = element.get(StrategicMergePatch.PATCH);
                if (directive == null) {
                    patchItems.add(element);
                    continue;
                }
                switch (directive.asString("")) {
                    case "delete" -> {
                        JsonNode key = requireKey(element, mergeKey, path);
                        original.removeIf(existing -> JsonValues.same(keyOf(existing, mergeKey), key));
                        view.delete(key, mergeKey);
                    }
                    case "replace" -> replace = true;
                    case "merge" -> {
                        // the default for this list; nothing to do
                    }
                    default -> throw new PatchException(StrategicMergePatch.at(path) + "unknown patch type: "
                            + StrategicMergePatch.text(directive) + " in map: " + element);
                }
            }
            if (replace) {
                // "$patch: replace" anywhere in the list: the other elements are the new list.
                original = new ArrayList<>();
                for (JsonNode element : patchItems) {
                    JsonNode built = StrategicMergePatch.fresh(element, elements, path);
                    if (built != null) {
                        original.add(built);
                    }
                }
                patchItems.clear();
            }
            merged = new ArrayList<>(original);
            for (JsonNode element : patchItems) {
                JsonNode key = requireKey(element, mergeKey, path);
                int index = indexOf(merged, element, mergeKey);
                String elementPath = path + "[" + mergeKey + "=" + key + "]";
                if (index >= 0 && merged.get(index).isObject()) {
                    merged.set(index, StrategicMergePatch.mergeMap((ObjectNode) merged.get(index), (ObjectNode) element,
                            elements, elementPath));
                }
                else {
                    JsonNode built = StrategicMergePatch.fresh(element, elements, elementPath);
                    if (built != null) {
                        merged.add(built);
                        view.append(built);
                    }
                }
            }
        }
        List<JsonNode> inPatch = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        partition(merged, patchItems, type == JsonNodeType.OBJECT ? mergeKey : null, inPatch, serverOnly, path);
        ArrayNode list = toArray(interleave(inPatch, serverOnly, patchItems, original,
                type == JsonNodeType.OBJECT ? mergeKey : null, path));
        return new Merged(list, view.asList());
    }

    /** Orders a merged list as {@code $setElementOrder} says (see the class comment). */
    static ArrayNode order(ArrayNode merged, ArrayNode order, List<JsonNode> serverOrder, @Nullable String mergeKey,
            String path) {
        List<JsonNode> elements = new ArrayList<>(merged.values());
        String key = elements.stream().allMatch(JsonNode::isObject) && !elements.isEmpty() ? mergeKey : null;
        List<JsonNode> inOrder = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        List<JsonNode> orderList = new ArrayList<>(order.values());
        partition(elements, orderList, key, inOrder, serverOnly, path);
        return toArray(interleave(inOrder, serverOnly, orderList, serverOrder, key, path));
    }

    /**
     * apimachinery's {@code validatePatchWithSetOrderList}: the patch list must be a subsequence of
     * the order list (deletions and directive elements aside), or the two contradict each other.
     */
    static void checkOrderMatchesPatch(@Nullable ArrayNode patch, ArrayNode order, @Nullable String mergeKey, String path) {
        if (patch == null || patch.isEmpty() || order.isEmpty()) {
            return;
        }
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode element : patch.values()) {
            if (!(element.isObject() && element.has(StrategicMergePatch.PATCH))) {
                items.add(element);
            }
        }
        int matched = 0;
        for (JsonNode wanted : order.values()) {
            if (matched < items.size() && sameIdentity(items.get(matched), wanted, mergeKey, path)) {
                matched++;
            }
        }
        if (matched < items.size()) {
            throw new PatchException(StrategicMergePatch.at(path) + "the order in patch list " + patch
                    + " doesn't match $setElementOrder list " + order);
        }
    }

    private static boolean sameIdentity(JsonNode item, JsonNode wanted, @Nullable String mergeKey, String path) {
        if (mergeKey == null || !item.isObject()) {
            return JsonValues.same(item, wanted);
        }
        return JsonValues.same(requireKey(item, mergeKey, path), requireKey(wanted, mergeKey, path));
    }

    /** Splits {@code merged} into the elements named by {@code named} and the others, keeping order. */
    private static void partition(List<JsonNode> merged, List<JsonNode> named, @Nullable String mergeKey,
            List<JsonNode> inNamed, List<JsonNode> others, String path) {
        for (JsonNode element : merged) {
            if (mergeKey != null) {
                requireKey(element, mergeKey, path);
            }
            (indexOf(named, element, mergeKey) >= 0 ? inNamed : others).add(element);
        }
    }

    /**
     * apimachinery's {@code normalizeElementOrder}: sorts the patched elements by the patch order
     * and the server-only ones by the server order, then interleaves them: a server-only element
     * goes first only when the server order puts it before the next patched element.
     */
    private static List<JsonNode> interleave(List<JsonNode> patched, List<JsonNode> serverOnly, List<JsonNode> patchOrder,
            List<JsonNode> serverOrder, @Nullable String mergeKey, String path) {
        if (mergeKey != null) {
            for (JsonNode element : concat(patchOrder, serverOrder)) {
                requireKey(element, mergeKey, path);
            }
        }
        List<JsonNode> right = sortedBy(patched, patchOrder, mergeKey);
        List<JsonNode> left = sortedBy(serverOnly, serverOrder, mergeKey);
        List<JsonNode> result = new ArrayList<>(left.size() + right.size());
        int i = 0;
        int j = 0;
        while (i < left.size() || j < right.size()) {
            if (j >= right.size()) {
                result.add(left.get(i++));
            }
            else if (i >= left.size()) {
                result.add(right.get(j++));
            }
            else {
                int leftAt = indexOf(serverOrder, left.get(i), mergeKey);
                int rightAt = indexOf(serverOrder, right.get(j), mergeKey);
                if (leftAt >= 0 && rightAt >= 0 && leftAt < rightAt) {
                    result.add(left.get(i++));
                }
                else {
                    result.add(right.get(j++));
                }
            }
        }
        return result;
    }

    /** Stable sort by position in {@code order}; elements it does not name go last, in their order. */
    private static List<JsonNode> sortedBy(List<JsonNode> elements, List<JsonNode> order, @Nullable String mergeKey) {
        List<JsonNode> sorted = new ArrayList<>(elements);
        sorted.sort(Comparator.comparingInt(element -> {
            int index = indexOf(order, element, mergeKey);
            return index < 0 ? Integer.MAX_VALUE : index;
        }));
        return sorted;
    }

    /** @return the index of the first element with the same merge key (or the same value), or -1 */
    private static int indexOf(List<JsonNode> list, JsonNode wanted, @Nullable String mergeKey) {
        JsonNode identity = mergeKey == null ? wanted : keyOf(wanted, mergeKey);
        for (int i = 0; i < list.size(); i++) {
            JsonNode candidate = mergeKey == null ? list.get(i) : keyOf(list.get(i), mergeKey);
            if (JsonValues.same(candidate, identity)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The backing array of the current list, as Go's slice operations leave it: a deletion shifts
     * the rest left within the array, an append fills a freed slot until the array is full and
     * from then on goes to a new array the view no longer sees.
     */
    private static final class ServerView {

        private final JsonNode[] slots;
        private int length;
        private boolean detached;

        ServerView(ArrayNode current) {
            this.slots = current.values().toArray(new JsonNode[0]);
            this.length = slots.length;
        }

        void delete(JsonNode key, String mergeKey) {
            for (int i = 0; i < length; i++) {
                if (JsonValues.same(keyOf(slots[i], mergeKey), key)) {
                    System.arraycopy(slots, i + 1, slots, i, length - i - 1);
                    length--;
                    i--;
                }
            }
        }

        void append(JsonNode element) {
            if (!detached && length < slots.length) {
                slots[length++] = element;
            }
            else {
                detached = true;
            }
        }

        List<JsonNode> asList() {
            return List.of(slots);
        }
    }

    private static JsonNode keyOf(JsonNode element, String mergeKey) {
        return element.path(mergeKey);
    }

    private static JsonNode requireKey(JsonNode element, String mergeKey, String path) {
        JsonNode key = element.isObject() ? element.get(mergeKey) : null;
        if (key == null) {
            throw new PatchException(StrategicMergePatch.at(path) + "map: " + element
                    + " does not contain declared merge key: " + mergeKey);
        }
        return key;
    }

    /** All elements of both lists must have one JSON type, and not be lists (apimachinery's sliceElementType). */
    private static JsonNodeType elementType(ArrayNode current, ArrayNode patch, String path) {
        JsonNodeType type = null;
        for (JsonNode element : concat(current.values(), patch.values())) {
            JsonNodeType elementType = element.getNodeType();
            if (elementType == JsonNodeType.ARRAY) {
                throw new PatchException(StrategicMergePatch.at(path) + "lists of lists are not supported");
            }
            if (type != null && type != elementType) {
                throw new PatchException(StrategicMergePatch.at(path) + "list element types are not identical: "
                        + current + " and " + patch);
            }
            type = elementType;
        }
        return type;
    }

    private static List<JsonNode> concat(Iterable<JsonNode> first, Iterable<JsonNode> second) {
        List<JsonNode> all = new ArrayList<>();
        first.forEach(all::add);
        second.forEach(all::add);
        return all;
    }

    private static ArrayNode toArray(List<JsonNode> elements) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(elements.size());
        elements.forEach(array::add);
        return array;
    }
}
