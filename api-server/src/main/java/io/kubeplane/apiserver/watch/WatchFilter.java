package io.kubeplane.apiserver.watch;

import java.util.Map;

/**
 * Which objects a watch wants: its kind, namespace and selectors, applied to an object's key
 * columns. Implementations are immutable and thread-safe.
 */
public interface WatchFilter {

    /** The group resource watched, e.g. {@code services}. */
    String resource();

    /** Whether events of this kind are wanted; by default only those of {@link #resource()}. */
    default boolean watchesResource(String groupResource) {
        return resource().equals(groupResource);
    }

    /** Whether an object of the watched kind with these key columns is wanted. */
    boolean matches(String namespace, String name, Map<String, String> labels, Map<String, String> fields);
}
