package io.kubeplane.apiserver.registry;

import io.kubeplane.model.ApiResource;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rules of one kind that are not validation or defaulting (those live in the object model):
 * the status a new object starts with, the fields field selectors may use, and whether a DELETE
 * gives an object a grace period.
 *
 * <p>Implementations are stateless and thread-safe. Called by {@link ObjectRules}.
 */
public interface KindStrategy {

    ApiResource resource();

    /** Sets what a new object of this kind starts with (e.g. {@code status.phase}); status is already cleared. */
    default void prepareForCreate(ObjectNode object) {
    }

    /**
     * Fields a field selector may name besides {@code metadata.name} and {@code metadata.namespace},
     * as dotted paths, e.g. {@code spec.nodeName}.
     */
    default List<String> selectableFields() {
        return List.of();
    }

    /** Whether a PUT to a missing object creates it, as for Endpoints and Nodes in Kubernetes. */
    default boolean allowCreateOnUpdate() {
        return false;
    }

    /**
     * The grace period a DELETE gives an object not yet being deleted, as Kubernetes'
     * {@code CheckGracefulDelete}: 0 removes it at once. Empty for kinds without graceful deletion
     * (all but pods), which are always removed at once.
     *
     * @param requested {@code DeleteOptions.gracePeriodSeconds}, never negative; null when not given
     */
    default OptionalLong gracePeriodSeconds(JsonNode object, @Nullable Long requested) {
        return OptionalLong.empty();
    }
}
