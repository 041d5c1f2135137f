package io.kubeplane.apiserver.http;

import io.kubeplane.apiserver.protobuf.ProtobufBodies;
import io.kubeplane.apiserver.protobuf.UnknownKindException;
import io.kubeplane.model.KubernetesJson;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads request bodies: at most 3 MiB (kube-apiserver's limit; more is 413), JSON or YAML by
 * content type, refused with 400 when malformed. Stateless.
 */
final class RequestBodies {

    static final int MAX_BYTES = 3 * 1024 * 1024;

    private RequestBodies() {
    }

    /** The body as a JSON tree of any shape (a JSON patch is an array). */
    static JsonNode readTree(HttpServletRequest request) {
        byte[] body = readBytes(request);
        if (body.length == 0) {
            throw ApiException.badRequest("the request body is empty");
        }
        try {
            return isYaml(request.getContentType())
                    ? KubernetesJson.YAML.readTree(body)
                    : KubernetesJson.JSON.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("the request body could not be decoded: " + e.getOriginalMessage());
        }
    }

    /** The body as one object; kubectl's typed calls send it as Kubernetes protobuf. */
    static ObjectNode readObject(HttpServletRequest request) {
        if (ProtobufBodies.MEDIA_TYPE.equals(mediaType(request.getContentType()))) {
            return readProtobuf(readBytes(request));
        }
        JsonNode tree = readTree(request);
        if (!(tree instanceof ObjectNode object)) {
            throw ApiException.badRequest("the request body must be a JSON or YAML object, not " + tree.getNodeType());
        }
        return object;
    }

    /** The body as an object, or null when there is none (DELETE may carry DeleteOptions). */
    static ObjectNode readOptionalObject(HttpServletRequest request) {
        if (request.getContentLengthLong() == 0) {
            return KubernetesJson.JSON.createObjectNode();
        }
        byte[] body = readBytes(request);
        if (body.length == 0) {
            return KubernetesJson.JSON.createObjectNode();
        }
        try {
            JsonNode tree = KubernetesJson.JSON.readTree(body);
            if (tree instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException e) {
            throw ApiException.badRequest("the request body could not be decoded: " + e.getOriginalMessage());
        }
        throw ApiException.badRequest("the request body must be a JSON object");
    }

    private static ObjectNode readProtobuf(byte[] body) {
        try {
            return ProtobufBodies.decode(body);
        } catch (UnknownKindException e) {
            throw ApiException.unsupportedMediaType(e.getMessage() + "; send it as application/json");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the protobuf body could not be decoded: " + e.getMessage());
        }
    }

    private static byte[] readBytes(HttpServletRequest request) {
        if (request.getContentLengthLong() > MAX_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read: " + e.getMessage());
        }
    }

    private static ApiException tooLarge() {
        return ApiException.tooLarge("the request body is larger than the limit of " + MAX_BYTES + " bytes");
    }

    static boolean isYaml(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.contains("yaml");
    }

    /** The media type without parameters, lower case; JSON when absent. */
    static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "application/json";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
