package io.kubeplane.apiserver.http;

import io.kubeplane.apiserver.rest.DeleteOperation;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the {@code DeleteOptions} of a DELETE from its body and query, as kubectl and client-go
 * send them:
 * <pre>
 *   body   {"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0,
 *           "propagationPolicy":"Background","preconditions":{"uid":"...","resourceVersion":"42"}}
 *   query  ?gracePeriodSeconds=0&amp;propagationPolicy=Orphan&amp;orphanDependents=true
 * </pre>
 * A query parameter wins over the same field of the body. Stateless; used by the resource controller.
 */
final class DeleteOptionsReader {

    private DeleteOptionsReader() {
    }

    /**
     * @param body      the request body, empty when there was none
     * @param parameter the request's query parameters by name, null when absent
     * @throws ApiException 400 for a policy, uid, version or grace period that cannot be read
     */
    static DeleteOperation.Options read(ObjectNode body, Function<String, @Nullable String> parameter, boolean dryRun) {
        return new DeleteOperation.Options(uid(body.path("preconditions")), resourceVersion(body.path("preconditions")),
                propagation(body, parameter), dryRun, gracePeriodSeconds(body, parameter));
    }

    private static DeleteOperation.Propagation propagation(ObjectNode body, Function<String, @Nullable String> parameter) {
        String policy = parameter.apply("propagationPolicy");
        if (policy == null) {
            policy = body.path("propagationPolicy").asString("");
        }
        if (body.path("orphanDependents").asBoolean(false) || "true".equals(parameter.apply("orphanDependents"))) {
            policy = "Orphan";
        }
        return switch (policy) {
            case "", "Background" -> DeleteOperation.Propagation.BACKGROUND;
            case "Foreground" -> DeleteOperation.Propagation.FOREGROUND;
            case "Orphan" -> DeleteOperation.Propagation.ORPHAN;
            default -> throw ApiException.badRequest("propagationPolicy: Unsupported value: \"" + policy
                                                     + "\": supported values: \"Background\", \"Foreground\", \"Orphan\"");
        };
    }

    private static @Nullable Long gracePeriodSeconds(ObjectNode body, Function<String, @Nullable String> parameter) {
        String query = parameter.apply("gracePeriodSeconds");
        if (query != null && !query.isEmpty()) {
            try {
                return Long.parseLong(query);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("gracePeriodSeconds: Invalid value: \"" + query + "\": must be an integer");
            }
        }
        JsonNode grace = body.path("gracePeriodSeconds");
        if (grace.isMissingNode() || grace.isNull()) {
            return null;
        }
        if (!grace.isIntegralNumber() || !grace.canConvertToLong()) {
            throw ApiException.badRequest("gracePeriodSeconds: Invalid value: " + grace + ": must be an integer");
        }
        return grace.longValue();
    }

    private static @Nullable UUID uid(JsonNode preconditions) {
        if (!preconditions.hasNonNull("uid")) {
            return null;
        }
        try {
            return UUID.fromString(preconditions.get("uid").asString());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("preconditions.uid: not a uid: " + preconditions.get("uid").asString());
        }
    }

    private static @Nullable Long resourceVersion(JsonNode preconditions) {
        if (!preconditions.hasNonNull("resourceVersion")) {
            return null;
        }
        try {
            return Long.parseLong(preconditions.get("resourceVersion").asString());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("preconditions.resourceVersion: not a resource version");
        }
    }
}
