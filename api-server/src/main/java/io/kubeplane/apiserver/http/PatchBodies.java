package io.kubeplane.apiserver.http;

import io.kubeplane.patch.JsonMergePatch;
import io.kubeplane.patch.JsonPatch;
import io.kubeplane.patch.PatchException;
import io.kubeplane.patch.PatchSchemas;
import io.kubeplane.patch.StrategicMergePatch;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a PATCH body to the current object by its content type: JSON patch, JSON merge patch or
 * strategic merge patch (with the kind's merge keys). A patch that cannot apply is a 422, a body of
 * the wrong shape a 400, an unknown content type a 415. Thread-safe.
 */
@Component
public class PatchBodies {

    /** Applies a patch to an object of the given {@code apiVersion} and {@code kind} (whose merge keys SMP uses). */
    public ObjectNode apply(String apiVersion, String kind, String mediaType, ObjectNode current, JsonNode patch) {
        JsonNode result;
        try {
            result = switch (mediaType) {
                case "application/json-patch+json" -> {
                    if (!patch.isArray()) {
                        throw ApiException.badRequest("a JSON patch must be a JSON array of operations");
                    }
                    yield JsonPatch.apply(current, patch);
                }
                case "application/merge-patch+json" -> JsonMergePatch.apply(current, requireObject(patch));
                case "application/strategic-merge-patch+json" -> StrategicMergePatch.apply(current, requireObject(patch),
                        PatchSchemas.forKind(apiVersion, kind));
                default -> throw ApiException.unsupportedMediaType("the body of the request was in an unknown format - "
                        + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
                        + "application/strategic-merge-patch+json");
            };
        } catch (PatchException e) {
            throw ApiException.of(422, "Invalid", "the patch could not be applied: " + e.getMessage());
        }
        if (!(result instanceof ObjectNode object)) {
            throw ApiException.of(422, "Invalid", "the patch did not produce an object");
        }
        return object;
    }

    private static JsonNode requireObject(JsonNode patch) {
        if (!patch.isObject()) {
            throw ApiException.badRequest("a merge patch must be a JSON object");
        }
        return patch;
    }
}
