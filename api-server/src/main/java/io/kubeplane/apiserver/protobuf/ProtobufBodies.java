package io.kubeplane.apiserver.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Runtime;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes Kubernetes protobuf request bodies ({@code Content-Type:
 * application/vnd.kubernetes.protobuf}) into the Kubernetes JSON of the same object, the tree
 * the client would have sent as {@code application/json}.
 *
 * <p>The wire format (apimachinery {@code pkg/runtime/serializer/protobuf}):
 * <pre>
 *   +----------+------------------------------------------------------------------+
 *   | k8s \0   | runtime.Unknown                                                  |
 *   | 4 bytes  |   1: typeMeta {1: apiVersion, 2: kind}                           |
 *   |          |   2: raw              the object's own protobuf message          |
 *   |          |   3: contentEncoding  empty                                      |
 *   |          |   4: contentType      empty                                      |
 *   +----------+------------------------------------------------------------------+
 * </pre>
 * The kind picks the message ({@link ProtobufKinds}); the message is rendered field by field as
 * Go's {@code encoding/json} writes the same Go struct ({@link GoJsonRenderer}, {@link
 * GoStructTags}), with {@code kind} and {@code apiVersion} from the envelope. So {@code kubectl
 * create namespace demo} decodes to exactly what kubectl sends as JSON:
 * <pre>
 *   {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"demo","creationTimestamp":null},
 *    "spec":{},"status":{}}
 * </pre>
 * An empty string or {@code false} that the client's Go struct holds in a non-pointer
 * {@code omitempty} field is left out, as in its JSON; a pointer field that was sent is kept
 * even when zero ({@code replicas: 0}).
 *
 * <p>Failures are {@link IllegalArgumentException}s: {@link UnknownKindException} for a kind
 * with no protobuf message here (answer 415), {@link UnknownFieldsException} for fields newer than
 * the descriptors and {@link MalformedBodyException} for anything unreadable (answer 400).
 *
 * <p>Stateless and thread-safe; called by the HTTP layer for protobuf request bodies.
 */
public final class ProtobufBodies {

    /** The media type of Kubernetes protobuf bodies. */
    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private static final byte[] MAGIC = {'k', '8', 's', 0};

    // RawExtensions may hold protobuf objects of their own; a body nesting them deeper than any
    // real object does is refused rather than followed down the stack.
    private static final int MAX_NESTING = 4;

    private static final Set<String> CONTENT_TYPES = Set.of("", MEDIA_TYPE);

    private ProtobufBodies() {
    }

    /** Whether the bytes start with the {@code k8s\0} magic of Kubernetes protobuf. */
    public static boolean hasMagic(byte[] body) {
        if (body.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (body[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether a body of this apiVersion and kind can be decoded. */
    public static boolean canDecode(String apiVersion, String kind) {
        return ProtobufKinds.find(apiVersion, kind).isPresent();
    }

    /** apiVersion to the object kinds that can be decoded (DeleteOptions and the like aside). */
    public static Map<String, Set<String>> objectKinds() {
        return ProtobufKinds.objectKinds();
    }

    /**
     * The Kubernetes JSON of a protobuf body.
     *
     * @throws UnknownKindException when no protobuf message is known for its apiVersion/kind
     * @throws UnknownFieldsException when it carries fields the descriptors do not declare
     * @throws MalformedBodyException when it cannot be read
     */
    public static ObjectNode decode(byte[] body) {
        return decode(body, 0);
    }

    static ObjectNode decode(byte[] body, int nesting) {
        if (nesting > MAX_NESTING) {
            throw new MalformedBodyException("protobuf objects nested deeper than " + MAX_NESTING + " RawExtensions");
        }
        if (!hasMagic(body)) {
            throw new MalformedBodyException("a Kubernetes protobuf body starts with the bytes \"k8s\\x00\"");
        }
        if (body.length == MAGIC.length) {
            throw new MalformedBodyException("the protobuf body is empty after its \"k8s\\x00\" prefix");
        }
        Runtime.Unknown envelope;
        try {
            envelope = Runtime.Unknown.parser().parsePartialFrom(body, MAGIC.length, body.length - MAGIC.length);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedBodyException("the protobuf envelope (runtime.Unknown) cannot be read: " + e.getMessage(), e);
        }
        UnknownFields.reject(envelope, "the protobuf envelope (runtime.Unknown)");
        String apiVersion = envelope.getTypeMeta().getApiVersion();
        String kind = envelope.getTypeMeta().getKind();
        if (kind.isEmpty() || apiVersion.isEmpty()) {
            throw new MalformedBodyException("the protobuf body names no " + (kind.isEmpty() ? "kind" : "apiVersion")
                    + " (apiVersion \"" + apiVersion + "\", kind \"" + kind + "\")");
        }
        if (!envelope.getContentEncoding().isEmpty()) {
            throw new MalformedBodyException("the protobuf body of " + apiVersion + "/" + kind
                    + " has content encoding \"" + envelope.getContentEncoding() + "\"; only none is read");
        }
        if (!CONTENT_TYPES.contains(envelope.getContentType())) {
            throw new MalformedBodyException("the protobuf body of " + apiVersion + "/" + kind
                    + " holds content of type \"" + envelope.getContentType() + "\", not protobuf");
        }
        Descriptor type = ProtobufKinds.find(apiVersion, kind)
                .orElseThrow(() -> new UnknownKindException(apiVersion, kind));
        Message object;
        try {
            // Partial: Go's decoder does not insist on proto2 "required" fields either.
            object = DynamicMessage.newBuilder(type).mergeFrom(envelope.getRaw()).buildPartial();
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedBodyException("the protobuf " + apiVersion + "/" + kind + " cannot be read: " + e.getMessage(), e);
        }
        UnknownFields.reject(object, apiVersion + "/" + kind);

        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("kind", kind);
        json.put("apiVersion", apiVersion);
        json.setAll(new GoJsonRenderer(nesting).renderObject(object, FieldPath.ROOT));
        return json;
    }
}
