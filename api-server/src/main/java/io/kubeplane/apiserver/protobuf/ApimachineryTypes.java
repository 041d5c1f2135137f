package io.kubeplane.apiserver.protobuf;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The apimachinery types whose JSON is not their protobuf shape, each written as its Go
 * {@code MarshalJSON} writes it:
 * <pre>
 *   meta.v1.Time         {seconds, nanos}    "2026-11-22T04:55:01Z" (seconds, UTC); null when zero
 *   meta.v1.MicroTime    {seconds, nanos}    "2026-11-22T04:55:01.123456Z"; null when zero
 *   meta.v1.Duration     {duration: nanos}   "1h2m3s" (Go's time.Duration.String)
 *   meta.v1.Verbs        {items: [...]}      ["get", "list"]; null when empty (a nil slice)
 *   intstr.IntOrString   {type, intVal, strVal}   8080 or "http" by type
 *   resource.Quantity    {string}            "500m" as sent; "0" when empty (the zero Quantity)
 * </pre>
 * {@code runtime.RawExtension} and {@code meta.v1.FieldsV1} hold JSON bytes and are read by
 * {@link GoJsonRenderer}, which can also decode a nested protobuf object.
 *
 * <p>Stateless and thread-safe.
 */
final class ApimachineryTypes {

    static final String TIME = "k8s.io.apimachinery.pkg.apis.meta.v1.Time";
    static final String MICRO_TIME = "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime";
    static final String DURATION = "k8s.io.apimachinery.pkg.apis.meta.v1.Duration";
    static final String VERBS = "k8s.io.apimachinery.pkg.apis.meta.v1.Verbs";
    static final String FIELDS_V1 = "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1";
    static final String INT_OR_STRING = "k8s.io.apimachinery.pkg.util.intstr.IntOrString";
    static final String QUANTITY = "k8s.io.apimachinery.pkg.api.resource.Quantity";
    static final String RAW_EXTENSION = "k8s.io.apimachinery.pkg.runtime.RawExtension";

    private static final Set<String> VALUE_TYPES = Set.of(TIME, MICRO_TIME, DURATION, VERBS, INT_OR_STRING, QUANTITY);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    // Go's zero time.Time, 0001-01-01T00:00:00Z: metav1.Time of it marshals as null.
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
    private static final DateTimeFormatter RFC3339 =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC3339_MICRO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private ApimachineryTypes() {
    }

    /** Whether a message type is one of the value types rendered here. */
    static boolean isValueType(String fullName) {
        return VALUE_TYPES.contains(fullName);
    }

    /** The JSON of a value type (see {@link #isValueType}). */
    static JsonNode render(Message message, FieldPath path) {
        return switch (message.getDescriptorForType().getFullName()) {
            case TIME -> time(message, path, false);
            case MICRO_TIME -> time(message, path, true);
            case DURATION -> NODES.stringNode(goDuration(longField(message, "duration")));
            case VERBS -> verbs(message);
            case INT_OR_STRING -> intOrString(message, path);
            case QUANTITY -> quantity(message);
            default -> throw new IllegalArgumentException("not a value type: " + message.getDescriptorForType());
        };
    }

    private static JsonNode time(Message message, FieldPath path, boolean micro) {
        // metav1.Time writes an empty message for the zero time and reads an empty one back as
        // zero; Time drops the nanoseconds on the way in, MicroTime keeps them.
        if (message.getAllFields().isEmpty()) {
            return NODES.nullNode();
        }
        long seconds = longField(message, "seconds");
        long nanos = micro ? longField(message, "nanos") : 0;
        Instant instant;
        try {
            instant = Instant.ofEpochSecond(seconds, nanos);
        } catch (RuntimeException e) {
            throw new MalformedBodyException(path + ": time out of range: " + seconds + "s");
        }
        if (instant.equals(GO_ZERO_TIME)) {
            return NODES.nullNode();
        }
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        if (year < 0 || year > 9999) {
            throw new MalformedBodyException(path + ": time out of range: year " + year);
        }
        return NODES.stringNode((micro ? RFC3339_MICRO : RFC3339).format(instant));
    }

    private static JsonNode verbs(Message message) {
        FieldDescriptor items = message.getDescriptorForType().findFieldByName("items");
        int count = message.getRepeatedFieldCount(items);
        if (count == 0) {
            return NODES.nullNode();
        }
        ArrayNode array = NODES.arrayNode(count);
        for (int i = 0; i < count; i++) {
            array.add((String) message.getRepeatedField(items, i));
        }
        return array;
    }

    private static JsonNode intOrString(Message message, FieldPath path) {
        long type = longField(message, "type");
        if (type == 0) {
            return NODES.numberNode((int) longField(message, "intVal"));
        }
        if (type == 1) {
            return NODES.stringNode(stringField(message, "strVal"));
        }
        throw new MalformedBodyException(path + ": IntOrString has type " + type + ", neither 0 (int) nor 1 (string)");
    }

    private static JsonNode quantity(Message message) {
        // Go's client sends Quantity.String(), already canonical; it is passed on as sent and
        // validated where JSON quantities are.
        String value = stringField(message, "string");
        return NODES.stringNode(value.isEmpty() ? "0" : value);
    }

    /**
     * Go's {@code time.Duration.String()}: {@code 1h2m3.5s}, {@code 1.5s}, {@code 300ms},
     * {@code 2µs}, {@code 0s}. No days: hours are the largest unit.
     */
    static String goDuration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        long u = negative ? -nanos : nanos; // Long.MIN_VALUE stays 2^63 read as unsigned
        StringBuilder out = new StringBuilder();
        if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
            // Under a second: the largest unit below a second with a fraction, like 1.2ms.
            if (u < 1_000) {
                out.append(u).append("ns");
            } else if (u < 1_000_000) {
                out.append(fraction(u, 3)).append("µs");
            } else {
                out.append(fraction(u, 6)).append("ms");
            }
        } else {
            long seconds = Long.divideUnsigned(u, 1_000_000_000L);
            long fractionNanos = Long.remainderUnsigned(u, 1_000_000_000L);
            long minutes = seconds / 60;
            long hours = minutes / 60;
            if (hours > 0) {
                out.append(hours).append('h');
            }
            if (minutes > 0) {
                out.append(minutes % 60).append('m');
            }
            out.append(seconds % 60);
            String digits = String.format("%09d", fractionNanos).replaceFirst("0+$", "");
            if (!digits.isEmpty()) {
                out.append('.').append(digits);
            }
            out.append('s');
        }
        return negative ? "-" + out : out.toString();
    }

    // v / 10^precision with the trailing zeros of the fraction (and a bare point) left out.
    private static String fraction(long v, int precision) {
        long scale = (long) Math.pow(10, precision);
        String digits = String.format("%0" + precision + "d", v % scale).replaceFirst("0+$", "");
        return digits.isEmpty() ? Long.toString(v / scale) : (v / scale) + "." + digits;
    }

    static long longField(Message message, String name) {
        FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
        return ((Number) message.getField(field)).longValue();
    }

    static String stringField(Message message, String name) {
        FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
        return (String) message.getField(field);
    }
}
