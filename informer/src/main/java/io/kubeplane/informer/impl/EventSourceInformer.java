package io.kubeplane.informer.impl;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeplane.informer.Indexer;
import io.kubeplane.informer.ResourceEventHandler;
import io.kubeplane.informer.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * An informer over any {@link EventSource}: the engine behind {@code KafkaInformer}, and what unit
 * tests drive with a hand-written source.
 *
 * <p>Two threads per informer: the reflector reads the source and updates the cache, the
 * dispatcher calls handlers. Thread-safe.
 *
 * @param <T> the kind of object
 */
public final class EventSourceInformer<T extends HasMetadata> implements SharedIndexInformer<T> {

    /** How long {@link #stop()} waits for each of the two threads. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final ObjectCache<T> cache = new ObjectCache<>();
    private final SharedProcessor<T> processor;
    private final Reflector reflector;
    private final CompletableFuture<Void> synced = new CompletableFuture<>();
    private final Indexer<T> readOnlyStore;
    private final ProcessorStore<T> store;
    private final Object lifecycle = new Object();
    private boolean started;
    private boolean stopped;

    /**
     * @param name           names the threads and log messages, e.g. the topic
     * @param type           the kind of object the envelopes carry
     * @param source         the stream; the informer owns and closes it
     * @param deletionMemory how many recent deletions to remember
     * @param pollTimeout    the longest one poll of the source may block
     */
    public EventSourceInformer(String name, Class<T> type, EventSource source, int deletionMemory, Duration pollTimeout) {
        Objects.requireNonNull(type, "type");
        this.processor = new SharedProcessor<>(name);
        this.store = new ProcessorStore<>(name, type, deletionMemory, cache, processor,
                () -> synced.complete(null));
        this.reflector = new Reflector(name, source, store::accept, pollTimeout);
        this.readOnlyStore = new ReadOnlyIndexer<>(cache);
    }

    @Override
    public void addEventHandler(ResourceEventHandler<? super T> handler) {
        Objects.requireNonNull(handler, "handler");
        cache.withSnapshot(existing -> processor.addHandler(handler, existing));
    }

    @Override
    public void addIndexer(String name, Function<? super T, List<String>> indexFunction) {
        cache.addIndex(name, indexFunction);
    }

    @Override
    public void setTransform(UnaryOperator<T> transform) {
        Objects.requireNonNull(transform, "transform");
        synchronized (lifecycle) {
            if (started) {
                throw new IllegalStateException("set the transform before the informer starts");
            }
            store.setTransform(transform);
        }
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (stopped) {
                throw new IllegalStateException("informer was stopped");
            }
            if (!started) {
                started = true;
                reflector.start();
            }
        }
    }

    @Override
    public boolean hasSynced() {
        return synced.isDone();
    }

    @Override
    public boolean awaitSynced(Duration timeout) {
        try {
            synced.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    @Override
    public Indexer<T> store() {
        return readOnlyStore;
    }

    @Override
    public void stop() {
        synchronized (lifecycle) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        reflector.stop(STOP_TIMEOUT);
        processor.stop(STOP_TIMEOUT);
    }

    /** Hides the cache's write methods from readers who would cast. */
    private record ReadOnlyIndexer<T extends HasMetadata>(ObjectCache<T> cache) implements Indexer<T> {

        @Override
        public @Nullable T get(@Nullable String namespace, String name) {
            return cache.get(namespace, name);
        }

        @Override
        public @Nullable T getByKey(String key) {
            return cache.getByKey(key);
        }

        @Override
        public List<T> list() {
            return cache.list();
        }

        @Override
        public List<String> listKeys() {
            return cache.listKeys();
        }

        @Override
        public int size() {
            return cache.size();
        }

        @Override
        public List<T> byIndex(String indexName, String value) {
            return cache.byIndex(indexName, value);
        }

        @Override
        public List<String> indexKeys(String indexName, String value) {
            return cache.indexKeys(indexName, value);
        }

        @Override
        public Set<String> indexNames() {
            return cache.indexNames();
        }
    }
}
