package io.kubeplane.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kubeplane.model.KubernetesJson;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;

/**
 * Writes and reads the watch-event envelope, the value of every record on a kubeplane topic.
 *
 * <p>Stateless and thread-safe. The outbox relay calls {@link #encode} for every event it
 * publishes; consumers (informers, stream handlers) call {@link #decode(byte[])} or
 * {@link #decode(byte[], Class)}.
 *
 * <p>Input shape (UTF-8, fields in any order, unknown fields ignored):
 * <pre>
 * {"type":"ADDED"|"MODIFIED"|"DELETED","resourceVersion":&lt;positive integer&gt;,"object":{...}}
 * </pre>
 */
public final class EnvelopeCodec {

    /**
     * One reader per object type. The object is read from the middle of the envelope, so the
     * parser's next token (the envelope's closing brace or next field) is not "trailing".
     */
    private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return KubernetesJson.JSON.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        }
    };

    /** Tells the lean readers to skip {@code metadata.managedFields} while parsing. */
    @JsonIgnoreProperties({"managedFields"})
    private abstract static class WithoutManagedFields {
    }

    private static final ClassValue<ObjectReader> LEAN_READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return KubernetesJson.JSON.rebuild().addMixIn(ObjectMeta.class, WithoutManagedFields.class).build()
                    .readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        }
    };

    private EnvelopeCodec() {
    }

    /**
     * The envelope bytes for an event. The object text is copied in as it is, without being
     * parsed: the relay publishes thousands of events per second from stored JSON, and the
     * store only holds objects it has already validated.
     *
     * @throws IllegalArgumentException if the object text does not start with {@code {}
     */
    public static byte[] encode(WatchEvent event) {
        String objectJson = event.objectJson();
        if (!startsWithObject(objectJson)) {
            throw new IllegalArgumentException("object must be a JSON object, got: " + abbreviate(objectJson));
        }
        byte[] head = ("{\"type\":\"" + event.type().name() + "\",\"resourceVersion\":" + event.resourceVersion()
                + ",\"object\":").getBytes(StandardCharsets.US_ASCII);
        byte[] object = objectJson.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + object.length + 1];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(object, 0, out, head.length, object.length);
        out[out.length - 1] = '}';
        return out;
    }

    /**
     * Reads an envelope, keeping the object as the exact JSON text found in it (the bytes
     * between its braces are cut out, not re-serialized).
     *
     * @throws EnvelopeFormatException if the value is not an envelope
     */
    public static WatchEvent decode(byte[] value) {
        Fields<String> fields = read(value, (parser, bytes) -> {
            // Byte offsets of the object's braces in the input; only valid for byte[] input.
            int start = (int) parser.currentTokenLocation().getByteOffset();
            parser.skipChildren();
            int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
            return new String(bytes, start, end - start, StandardCharsets.UTF_8);
        });
        return new WatchEvent(fields.type, fields.resourceVersion, fields.object);
    }

    /**
     * Reads an envelope and its object as a fabric8 type in one pass.
     *
     * @throws EnvelopeFormatException if the value is not an envelope or the object does not
     *                                 read as {@code type}
     */
    public static <T extends HasMetadata> TypedWatchEvent<T> decode(byte[] value, Class<T> type) {
        ObjectReader reader = READERS.get(type);
        Fields<T> fields = read(value, (parser, bytes) -> type.cast(reader.readValue(parser)));
        return new TypedWatchEvent<>(fields.type, fields.resourceVersion, fields.object);
    }

    /**
     * As {@link #decode(byte[], Class)}, without the object's {@code metadata.managedFields}: they
     * are skipped while parsing, which caches that never read them (every controller's) get for
     * free, in time and in memory.
     */
    public static <T extends HasMetadata> TypedWatchEvent<T> decodeWithoutManagedFields(byte[] value, Class<T> type) {
        ObjectReader reader = LEAN_READERS.get(type);
        Fields<T> fields = read(value, (parser, bytes) -> type.cast(reader.readValue(parser)));
        return new TypedWatchEvent<>(fields.type, fields.resourceVersion, fields.object);
    }

    private interface ObjectText<O> {
        /** Reads the object whose START_OBJECT token is current, leaving its END_OBJECT current. */
        O read(JsonParser parser, byte[] bytes);
    }

    private record Fields<O>(WatchEventType type, long resourceVersion, O object) {
    }

    private static <O> Fields<O> read(byte[] value, ObjectText<O> objectReader) {
        WatchEventType type = null;
        long resourceVersion = 0;
        O object = null;
        try (JsonParser parser = KubernetesJson.JSON.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new EnvelopeFormatException("envelope is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "type" -> type = readType(parser, token);
                    case "resourceVersion" -> resourceVersion = readResourceVersion(parser, token);
                    case "object" -> {
                        if (token != JsonToken.START_OBJECT) {
                            throw new EnvelopeFormatException("envelope field 'object' is not a JSON object");
                        }
                        object = objectReader.read(parser, value);
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new EnvelopeFormatException("trailing content after the envelope");
            }
        } catch (JacksonException e) {
            throw new EnvelopeFormatException("malformed envelope: " + e.getOriginalMessage(), e);
        }
        if (type == null) {
            throw new EnvelopeFormatException("envelope has no 'type'");
        }
        if (resourceVersion <= 0) {
            throw new EnvelopeFormatException("envelope has no positive 'resourceVersion'");
        }
        if (object == null) {
            throw new EnvelopeFormatException("envelope has no 'object'");
        }
        return new Fields<>(type, resourceVersion, object);
    }

    private static WatchEventType readType(JsonParser parser, @Nullable JsonToken token) {
        if (token != JsonToken.VALUE_STRING) {
            throw new EnvelopeFormatException("envelope field 'type' is not a string");
        }
        String text = parser.getString();
        try {
            return WatchEventType.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new EnvelopeFormatException("unknown event type '" + abbreviate(text) + "'");
        }
    }

    private static long readResourceVersion(JsonParser parser, @Nullable JsonToken token) {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw new EnvelopeFormatException("envelope field 'resourceVersion' is not an integer");
        }
        return parser.getLongValue();
    }

    private static boolean startsWithObject(String json) {
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '{') {
                return true;
            }
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return false;
            }
        }
        return false;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
