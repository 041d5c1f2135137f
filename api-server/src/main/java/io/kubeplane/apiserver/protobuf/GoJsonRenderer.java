package io.kubeplane.apiserver.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.kubeplane.model.KubernetesJson;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a parsed Kubernetes protobuf message as the JSON Go writes for the same object: the
 * protobuf is what Go's generated {@code Unmarshal} reads into the struct, the JSON is what
 * {@code encoding/json} then writes. Field names are the protobuf names, which Kubernetes' proto
 * generator takes from the JSON tags ({@code clusterIP}, {@code externalIPs}, {@code hostIPC}).
 *
 * <p>Which fields appear follows the Go struct ({@link GoStructTags}):
 * <pre>
 *   scalar, value, omitempty      written unless zero ("" / false / 0), sent or not
 *   scalar, value, no omitempty   always written, zero when not sent
 *   scalar, pointer               written when sent, zero included; else omitted (null if no
 *                                 omitempty)
 *   struct value                  always written, the zero struct when not sent ("spec": {},
 *                                 "creationTimestamp": null, "targetPort": 0)
 *   struct pointer                written when sent; else omitted (null if no omitempty)
 *   inlined struct                its fields written into the enclosing object
 *   slice, map, []byte            written when not empty; else omitted (null if no omitempty)
 * </pre>
 * Map keys come out sorted, as Go writes them; {@code []byte} as standard base64.
 *
 * <p>Immutable and thread-safe: an instance holds only how deep it is in protobuf objects nested
 * inside RawExtensions. Made per decode by {@link ProtobufBodies}.
 */
final class GoJsonRenderer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final int depth;

    GoJsonRenderer(int depth) {
        this.depth = depth;
    }

    /** The JSON object of a message that is not one of the special value types. */
    ObjectNode renderObject(Message message, FieldPath path) {
        ObjectNode out = NODES.objectNode();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            GoStructTags.GoField go = GoStructTags.of(field);
            String name = field.getName();
            FieldPath at = path.field(name);
            if (field.isRepeated()) {
                if (message.getRepeatedFieldCount(field) > 0) {
                    out.set(name, field.isMapField() ? renderMap(message, field, at) : renderList(message, field, at));
                } else if (!go.omitEmpty()) {
                    out.putNull(name);
                }
            } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                Message value = (Message) message.getField(field); // the empty message when not sent
                if (go.inline()) {
                    // Go's rule for embedded structs: a field of the outer struct wins over an
                    // inlined one of the same name, whichever comes first.
                    renderObject(value, path).properties().forEach(entry -> {
                        if (!out.has(entry.getKey())) {
                            out.set(entry.getKey(), entry.getValue());
                        }
                    });
                } else if (go.valueStruct() || message.hasField(field)) {
                    out.set(name, render(value, at));
                } else if (!go.omitEmpty()) {
                    out.putNull(name);
                }
            } else {
                renderScalarField(message, field, go, out);
            }
        }
        return out;
    }

    /** The JSON of any message: an object, or the JSON of a special type. */
    JsonNode render(Message message, FieldPath path) {
        String type = message.getDescriptorForType().getFullName();
        if (ApimachineryTypes.isValueType(type)) {
            return ApimachineryTypes.render(message, path);
        }
        if (type.equals(ApimachineryTypes.RAW_EXTENSION) || type.equals(ApimachineryTypes.FIELDS_V1)) {
            return rawJson(message, path, type.equals(ApimachineryTypes.RAW_EXTENSION));
        }
        return renderObject(message, path);
    }

    private void renderScalarField(Message message, FieldDescriptor field, GoStructTags.GoField go, ObjectNode out) {
        String name = field.getName();
        boolean sent = message.hasField(field);
        Object value = message.getField(field);
        if (field.getType() == FieldDescriptor.Type.BYTES) {
            // A Go []byte: nil when not sent, so null without omitempty, and omitted when empty.
            ByteString bytes = (ByteString) value;
            if (!bytes.isEmpty() || (!go.omitEmpty() && sent)) {
                out.set(name, scalar(field, value));
            } else if (!go.omitEmpty()) {
                out.putNull(name);
            }
            return;
        }
        if (go.pointer()) {
            if (sent) {
                out.set(name, scalar(field, value));
            } else if (!go.omitEmpty()) {
                out.putNull(name);
            }
            return;
        }
        if (!go.omitEmpty() || !isZero(value)) {
            out.set(name, scalar(field, value));
        }
    }

    private ObjectNode renderMap(Message message, FieldDescriptor field, FieldPath path) {
        FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
            Message entry = (Message) message.getRepeatedField(field, i);
            String key = String.valueOf(entry.getField(keyField));
            Object value = entry.getField(valueField);
            sorted.put(key, value instanceof Message nested
                    ? render(nested, path.key(key))
                    : scalar(valueField, value));
        }
        ObjectNode out = NODES.objectNode();
        out.setAll(sorted);
        return out;
    }

    private ArrayNode renderList(Message message, FieldDescriptor field, FieldPath path) {
        int count = message.getRepeatedFieldCount(field);
        ArrayNode out = NODES.arrayNode(count);
        for (int i = 0; i < count; i++) {
            Object value = message.getRepeatedField(field, i);
            out.add(value instanceof Message nested ? render(nested, path.index(i)) : scalar(field, value));
        }
        return out;
    }

    /**
     * RawExtension and FieldsV1 hold the JSON of what they carry; Go copies those bytes into its
     * output as they are, and writes null when there are none. A RawExtension may instead hold a
     * protobuf object of its own ({@code k8s\0} magic), which is decoded like a body.
     */
    private JsonNode rawJson(Message message, FieldPath path, boolean mayHoldProtobuf) {
        FieldDescriptor rawField = message.getDescriptorForType().findFieldByNumber(1);
        ByteString raw = (ByteString) message.getField(rawField);
        if (raw.isEmpty()) {
            return NODES.nullNode();
        }
        byte[] bytes = raw.toByteArray();
        if (mayHoldProtobuf && ProtobufBodies.hasMagic(bytes)) {
            return ProtobufBodies.decode(bytes, depth + 1);
        }
        try {
            return KubernetesJson.JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new MalformedBodyException(path + ": " + message.getDescriptorForType().getName()
                    + " does not hold JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode scalar(FieldDescriptor field, Object value) {
        return switch (field.getType()) {
            case STRING -> NODES.stringNode((String) value);
            case BOOL -> NODES.booleanNode((Boolean) value);
            case INT32, SINT32, SFIXED32 -> NODES.numberNode((Integer) value);
            case UINT32, FIXED32 -> integer(Integer.toUnsignedLong((Integer) value));
            case INT64, SINT64, SFIXED64 -> integer((Long) value);
            case UINT64, FIXED64 -> (Long) value >= 0
                    ? integer((Long) value)
                    : NODES.numberNode(new java.math.BigInteger(Long.toUnsignedString((Long) value)));
            case FLOAT -> NODES.numberNode((Float) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            case BYTES -> NODES.stringNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case ENUM -> NODES.stringNode(String.valueOf(value));
            case MESSAGE, GROUP -> throw new IllegalArgumentException("not a scalar: " + field);
        };
    }

    // The node JSON parsing gives for the same number: an int when it fits.
    private static JsonNode integer(long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    private static boolean isZero(Object value) {
        return switch (value) {
            case String s -> s.isEmpty();
            case Boolean b -> !b;
            case Number n -> n.longValue() == 0 && n.doubleValue() == 0;
            case ByteString b -> b.isEmpty();
            case List<?> l -> l.isEmpty();
            default -> false;
        };
    }
}
