package io.kubeplane.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A cache of one kind of object kept up to date from its event stream, with indexes, change
 * handlers and a synced signal; the shape of fabric8's {@code SharedIndexInformer}.
 *
 * <p>Thread-safe. A service builds one per kind it watches, adds handlers and indexers, starts it,
 * and reports ready once {@link #hasSynced()}. Readers use {@link #store()}, never the stream.
 *
 * @param <T> the kind of object
 */
public interface SharedIndexInformer<T extends HasMetadata> extends AutoCloseable {

    /**
     * Adds a handler. One added after the informer has synced first receives an
     * {@code onAdd} for every object already in the cache, then every later change.
     */
    void addEventHandler(ResourceEventHandler<? super T> handler);

    /**
     * Adds an index; objects already cached are indexed at once.
     *
     * @throws IllegalArgumentException if an index of that name exists
     */
    void addIndexer(String name, Function<? super T, List<String>> indexFunction);

    /**
     * Sets a function every object passes through before it is cached, as client-go's
     * {@code SetTransform}: typically it drops what the reader never looks at (managedFields, say),
     * so a cache of many objects takes less memory. It may change and return the object it is
     * given. Call before {@link #start()}.
     *
     * @throws IllegalStateException if the informer has started
     */
    void setTransform(UnaryOperator<T> transform);

    /**
     * Starts reading in the background and returns at once.
     *
     * @throws IllegalStateException if the informer was stopped
     */
    void start();

    /**
     * Whether the cache holds everything the stream held when the informer started. Once true it
     * stays true, also while the cache is rebuilt after the stream was reset.
     */
    boolean hasSynced();

    /** Waits until {@link #hasSynced()}; returns whether it did within the timeout. */
    boolean awaitSynced(Duration timeout);

    /** The cache, read-only. */
    Indexer<T> store();

    /** Stops reading and dispatching, waiting a bounded time for both to end. Final. */
    void stop();

    /** Same as {@link #stop()}. */
    @Override
    default void close() {
        stop();
    }
}
