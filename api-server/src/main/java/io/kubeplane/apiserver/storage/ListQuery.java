package io.kubeplane.apiserver.storage;

import io.kubeplane.model.ApiResource;
import io.kubeplane.selector.FieldSelector;
import io.kubeplane.selector.LabelSelector;
import org.jspecify.annotations.Nullable;

/**
 * What to list.
 *
 * @param resource  the kind
 * @param namespace one namespace, or null for all namespaces (and for cluster-scoped kinds)
 * @param labels    label selector
 * @param fields    field selector over the kind's selectable fields and {@code metadata.name/namespace}
 * @param limit     page size; 0 for no limit
 * @param after     continue after this object, from a previous page
 */
public record ListQuery(ApiResource resource, @Nullable String namespace, LabelSelector labels, FieldSelector fields,
                        int limit, @Nullable ContinueToken after) {

    public static ListQuery all(ApiResource resource, @Nullable String namespace) {
        return new ListQuery(resource, namespace, LabelSelector.everything(), FieldSelector.everything(), 0, null);
    }
}
