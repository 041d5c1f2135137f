package io.kubeplane.apiserver.watch;

import io.kubeplane.selector.FieldSelector;
import io.kubeplane.selector.LabelSelector;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A watch of one kind, in one namespace or all, narrowed by label and field selectors; field
 * selectors may also name {@code metadata.name} and {@code metadata.namespace}. Immutable.
 *
 * @param resource  group resource watched
 * @param namespace the namespace, or null for all
 * @param labels    label selector
 * @param fields    field selector
 */
public record SelectorWatchFilter(String resource, @Nullable String namespace, LabelSelector labels,
                                  FieldSelector fields) implements WatchFilter {

    @Override
    public boolean matches(String objectNamespace, String name, Map<String, String> objectLabels,
                           Map<String, String> objectFields) {
        if (namespace != null && !namespace.equals(objectNamespace)) {
            return false;
        }
        if (!labels.matches(objectLabels)) {
            return false;
        }
        if (fields.isEverything()) {
            return true;
        }
        Map<String, String> all = new HashMap<>(objectFields);
        all.put("metadata.name", name);
        all.put("metadata.namespace", objectNamespace);
        return fields.matches(all);
    }
}
