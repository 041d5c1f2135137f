package io.kubeplane.apiserver.rest;

import io.kubeplane.apiserver.http.ApiException;
import io.kubeplane.patch.PatchException;
import io.kubeplane.patch.apply.ManagedFields;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records who wrote which fields ({@code metadata.managedFields}) for creates and updates, as
 * kube-apiserver's field manager does for every write, so that server-side apply can tell its
 * fields from other managers'. Stateless.
 */
final class ManagedFieldsRecorder {

    private ManagedFieldsRecorder() {
    }

    static ObjectNode create(ObjectNode object, String manager, Instant now) {
        return update(null, object, manager, now, null);
    }

    static ObjectNode update(@Nullable JsonNode before, ObjectNode after, String manager, Instant now,
                             @Nullable String subresource) {
        try {
            return ManagedFields.update(before, after, manager, now, subresource);
        } catch (PatchException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** The object without its managedFields, to tell whether a write changes anything else. */
    static JsonNode without(ObjectNode object) {
        if (!object.path("metadata").has("managedFields")) {
            return object;
        }
        ObjectNode copy = object.deepCopy();
        ObjectTrees.metadata(copy).remove("managedFields");
        return copy;
    }
}
