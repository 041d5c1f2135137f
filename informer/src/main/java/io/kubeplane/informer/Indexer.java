package io.kubeplane.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Set;

/**
 * A {@link Store} that also answers by index: every index maps values (a namespace, a
 * {@code key=value} label, a node name...) to the objects that have them. Built-in indexes are named
 * in {@link Indexers}.
 *
 * <p>Thread-safe and read-only, like {@link Store}.
 *
 * @param <T> the kind of object
 */
public interface Indexer<T extends HasMetadata> extends Store<T> {

    /**
     * The objects the named index maps {@code value} to.
     *
     * @throws IllegalArgumentException if there is no such index
     */
    List<T> byIndex(String indexName, String value);

    /**
     * The keys of the objects the named index maps {@code value} to.
     *
     * @throws IllegalArgumentException if there is no such index
     */
    List<String> indexKeys(String indexName, String value);

    /** The names of the indexes. */
    Set<String> indexNames();
}
