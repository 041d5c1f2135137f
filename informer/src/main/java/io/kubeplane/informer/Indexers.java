package io.kubeplane.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The indexes every informer has, and their index functions.
 *
 * <ul>
 *   <li>{@value #NAMESPACE}: the object's namespace ({@code ""} for cluster-scoped objects);</li>
 *   <li>{@value #LABELS}: one {@code key=value} entry per label, so
 *       {@code byIndex(LABELS, "app=web")} finds the objects labelled {@code app: web}.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Indexers {

    public static final String NAMESPACE = "namespace";
    public static final String LABELS = "labels";

    private Indexers() {
    }

    public static List<String> namespace(HasMetadata obj) {
        String namespace = obj.getMetadata() == null ? null : obj.getMetadata().getNamespace();
        return List.of(namespace == null ? "" : namespace);
    }

    public static List<String> labels(HasMetadata obj) {
        Map<String, String> labels = obj.getMetadata() == null ? null : obj.getMetadata().getLabels();
        if (labels == null || labels.isEmpty()) {
            return List.of();
        }
        List<String> values = new ArrayList<>(labels.size());
        labels.forEach((key, value) -> values.add(labelValue(key, value)));
        return values;
    }

    /** The {@value #LABELS} index value of one label. */
    public static String labelValue(String key, String value) {
        return key + "=" + value;
    }
}
