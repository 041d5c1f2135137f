package io.kubeplane.apiserver.rest;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import io.kubeplane.apiserver.http.ApiException;
import io.kubeplane.patch.PatchException;
import io.kubeplane.patch.apply.ApplyResult;
import io.kubeplane.patch.apply.Conflict;
import io.kubeplane.patch.apply.ServerSideApply;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs server-side apply and turns its outcome into the API's: the merged object, or kube-apiserver's
 * 409 with one {@code FieldManagerConflict} cause per conflicting field, or a 400 for a malformed
 * configuration. Stateless.
 */
final class ServerSideApplication {

    private ServerSideApplication() {
    }

    static ObjectNode apply(@Nullable JsonNode live, JsonNode applied, String manager, boolean force, Instant now,
                            @Nullable String subresource) {
        ApplyResult result;
        try {
            result = ServerSideApply.apply(live, applied, manager, force, now, subresource);
        } catch (PatchException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (result.conflicted()) {
            throw conflict(applied, result);
        }
        return (ObjectNode) result.object().deepCopy();
    }

    private static ApiException conflict(JsonNode applied, ApplyResult result) {
        List<StatusCause> causes = result.conflicts().stream()
                .map(ServerSideApplication::cause).toList();
        return new ApiException(new StatusBuilder().withApiVersion("v1").withKind("Status").withStatus("Failure")
                .withNewMetadata().endMetadata()
                .withCode(409).withReason("Conflict").withMessage(result.conflictMessage())
                .withDetails(new StatusDetailsBuilder()
                        .withName(applied.path("metadata").path("name").asString(""))
                        .withKind(applied.path("kind").asString("")).withCauses(causes).build())
                .build());
    }

    private static StatusCause cause(Conflict conflict) {
        return new StatusCause(conflict.field().toString(), conflict.causeMessage(), "FieldManagerConflict");
    }
}
