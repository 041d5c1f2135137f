package io.kubeplane.patch.apply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.kubeplane.patch.PatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One step of a {@link FieldPath}: how to go from an object or list to one of its children, as
 * structured-merge-diff's {@code fieldpath.PathElement}.
 * <pre>
 *   kind        selects                                  printed                     FieldsV1 key
 *   FieldName   a field of an object                     .ports                      f:ports
 *   Key         the element of a map list with these keys [port=80,protocol="TCP"]   k:{"port":80,"protocol":"TCP"}
 *   Value       the element of a set with this value     [=a.example.com/f]          v:"a.example.com/f"
 *   Index       the element of an atomic list at an index [0]                        i:0
 * </pre>
 * Elements sort as Kubernetes sorts them in {@code FieldsV1}: field names, then keys, then values,
 * then indexes; names by bytes, keys field by field, values by {@link GoValues#compare}.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface PathElement extends Comparable<PathElement> {

    /** @return the element as a {@code FieldsV1} key, e.g. {@code k:{"port":80,"protocol":"TCP"}} */
    String serialize();

    /** A field of an object, e.g. {@code .spec}. */
    record FieldName(String name) implements PathElement {

        @Override
        public String serialize() {
            return "f:" + name;
        }

        @Override
        public String toString() {
            return "." + name;
        }
    }

    /**
     * The element of a map list identified by its key fields, e.g. {@code [port=80,protocol="TCP"]}.
     *
     * @param fields the key fields, sorted by name
     */
    record Key(List<KeyField> fields) implements PathElement {

        public Key {
            List<KeyField> sorted = new ArrayList<>(fields);
            sorted.sort(Comparator.comparing(KeyField::name, GoValues::compareStrings));
            fields = List.copyOf(sorted);
        }

        @Override
        public String serialize() {
            StringBuilder out = new StringBuilder("k:");
            GoJson.writeObject(out, fields.stream().map(field -> Map.entry(field.name(), field.value())).toList());
            return out.toString();
        }

        @Override
        public String toString() {
            List<String> parts = fields.stream().map(field -> field.name() + "=" + GoValues.toGoString(field.value())).toList();
            return "[" + String.join(",", parts) + "]";
        }
    }

    /**
     * One key field of a {@link Key}.
     *
     * @param name the field name
     * @param value its value; numbers are normalised so that 80 and 80.0 are the same key
     */
    record KeyField(String name, JsonNode value) {

        public KeyField {
            value = GoValues.normalize(value);
        }
    }

    /** The element of a set list with this value, e.g. {@code [="a.example.com/f"]}. */
    record Value(JsonNode value) implements PathElement {

        public Value {
            value = GoValues.normalize(value);
        }

        @Override
        public String serialize() {
            return "v:" + GoJson.write(value);
        }

        @Override
        public String toString() {
            return "[=" + GoValues.toGoString(value) + "]";
        }
    }

    /** The element of an atomic list at an index, e.g. {@code [0]}; only in sets written by others. */
    record Index(int index) implements PathElement {

        @Override
        public String serialize() {
            return "i:" + index;
        }

        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    /** @return a {@link FieldName} */
    static PathElement field(String name) {
        return new FieldName(name);
    }

    /**
     * @param nameValues names and values alternately, e.g. {@code "port", 80, "protocol", "TCP"}
     * @return a {@link Key}
     */
    static PathElement key(Object... nameValues) {
        if (nameValues.length % 2 != 0) {
            throw new IllegalArgumentException("a key needs a value for every name");
        }
        List<KeyField> fields = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            fields.add(new KeyField((String) nameValues[i], JsonMapper.shared().valueToTree(nameValues[i + 1])));
        }
        return new Key(fields);
    }

    /**
     * @param s a {@code FieldsV1} key, e.g. {@code f:spec}, {@code k:{"name":"app"}}, {@code v:"x"}, {@code i:0}
     * @return the element
     * @throws UnknownTypeException if the key has a type this version does not know (Kubernetes ignores these)
     * @throws PatchException if the key is malformed
     */
    static PathElement deserialize(String s) {
        if (s.length() < 2) {
            throw new PatchException("key must be 2 characters long: " + s);
        }
        if (s.charAt(1) != ':') {
            throw new PatchException("missing colon: " + s);
        }
        String content = s.substring(2);
        return switch (s.charAt(0)) {
            case 'f' -> new FieldName(content);
            case 'v' -> new Value(readJson(content, s));
            case 'k' -> {
                JsonNode object = readJson(content, s);
                if (!object.isObject()) {
                    throw new PatchException("key of an associative list element is not an object: " + s);
                }
                List<KeyField> fields = new ArrayList<>();
                object.properties().forEach(entry -> fields.add(new KeyField(entry.getKey(), entry.getValue())));
                yield new Key(fields);
            }
            case 'i' -> {
                try {
                    yield new Index(Integer.parseInt(content));
                }
                catch (NumberFormatException ex) {
                    throw new PatchException("invalid index in " + s, ex);
                }
            }
            default -> throw new UnknownTypeException(s);
        };
    }

    private static JsonNode readJson(String json, String key) {
        try {
            return JsonMapper.shared().readTree(json);
        }
        catch (JacksonException ex) {
            throw new PatchException("invalid JSON in field set key " + key + ": " + ex.getOriginalMessage(), ex);
        }
    }

    /** Field names, keys, values, indexes; each kind ordered within. */
    @Override
    default int compareTo(PathElement other) {
        int kind = Integer.compare(rank(this), rank(other));
        if (kind != 0) {
            return kind;
        }
        return switch (this) {
            case FieldName(String name) -> GoValues.compareStrings(name, ((FieldName) other).name());
            case Key(List<KeyField> fields) -> compareKeys(fields, ((Key) other).fields());
            case Value(JsonNode value) -> GoValues.compare(value, ((Value) other).value());
            case Index(int index) -> Integer.compare(index, ((Index) other).index());
        };
    }

    private static int rank(PathElement element) {
        return switch (element) {
            case FieldName f -> 0;
            case Key k -> 1;
            case Value v -> 2;
            case Index i -> 3;
        };
    }

    private static int compareKeys(List<KeyField> left, List<KeyField> right) {
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int c = GoValues.compareStrings(left.get(i).name(), right.get(i).name());
            if (c == 0) {
                c = GoValues.compare(left.get(i).value(), right.get(i).value());
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    /** A {@code FieldsV1} key of a type this version does not know; Kubernetes drops such keys. */
    final class UnknownTypeException extends PatchException {

        private static final long serialVersionUID = 1L;

        UnknownTypeException(String key) {
            super("unknown path element type: " + key);
        }
    }
}
