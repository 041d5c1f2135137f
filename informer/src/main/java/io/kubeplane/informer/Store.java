package io.kubeplane.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A read-only view of an informer's cache, keyed {@code namespace/name} (or {@code name} for
 * cluster-scoped objects).
 *
 * <p>Thread-safe; every call sees a consistent state. Lists are snapshots. The objects are the
 * cached instances, shared with every other reader: do not modify them.
 *
 * @param <T> the kind of object
 */
public interface Store<T extends HasMetadata> {

    /** The object with this namespace ({@code null} or empty when cluster-scoped) and name. */
    @Nullable T get(@Nullable String namespace, String name);

    /** The object with this key ({@code namespace/name} or {@code name}). */
    @Nullable T getByKey(String key);

    /** Every object, in no particular order. */
    List<T> list();

    /** Every key, in no particular order. */
    List<String> listKeys();

    /** How many objects the cache holds. */
    int size();
}
