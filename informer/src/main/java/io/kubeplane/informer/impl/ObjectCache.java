package io.kubeplane.informer.impl;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeplane.events.EventKeys;
import io.kubeplane.informer.Indexer;
import io.kubeplane.informer.Indexers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache readers see: objects by key plus every index, changed only by whole {@link Change}
 * lists so that a reader never sees half of a change.
 *
 * <p>Thread-safe: reads share a read lock, changes and new indexes take the write lock. The
 * informer's reading thread applies changes; any thread reads.
 *
 * @param <T> the kind of object
 */
final class ObjectCache<T extends HasMetadata> implements Indexer<T> {

    private static final Logger log = LoggerFactory.getLogger(ObjectCache.class);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, T> objects = new HashMap<>();
    private final Map<String, Function<? super T, List<String>>> indexFunctions = new LinkedHashMap<>();
    /** index name, then index value, then the keys of the objects with that value. */
    private final Map<String, Map<String, Set<String>>> indexes = new HashMap<>();

    ObjectCache() {
        addIndex(Indexers.NAMESPACE, Indexers::namespace);
        addIndex(Indexers.LABELS, Indexers::labels);
    }

    /** Adds an index and indexes every cached object with it. */
    void addIndex(String name, Function<? super T, List<String>> indexFunction) {
        lock.writeLock().lock();
        try {
            if (indexFunctions.containsKey(name)) {
                throw new IllegalArgumentException("index '" + name + "' already exists");
            }
            indexFunctions.put(name, indexFunction);
            Map<String, Set<String>> index = new HashMap<>();
            indexes.put(name, index);
            objects.forEach((key, obj) -> addToIndex(name, index, indexFunction, key, obj));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Applies changes as one step and then runs {@code afterwards} while still holding the write
     * lock, so that whatever it records (notifications) is ordered exactly as the changes.
     */
    void apply(List<Change<T>> changes, Runnable afterwards) {
        lock.writeLock().lock();
        try {
            for (Change<T> change : changes) {
                switch (change) {
                    case Change.Added<T> added -> put(added.key(), added.obj());
                    case Change.Updated<T> updated -> put(updated.key(), updated.newObj());
                    case Change.Deleted<T> deleted -> remove(deleted.key());
                }
            }
            afterwards.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Runs {@code action} with a snapshot of the objects, while no change can happen. */
    void withSnapshot(Consumer<List<T>> action) {
        lock.readLock().lock();
        try {
            action.accept(List.copyOf(objects.values()));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public @Nullable T get(@Nullable String namespace, String name) {
        return getByKey(EventKeys.key(namespace, name));
    }

    @Override
    public @Nullable T getByKey(String key) {
        lock.readLock().lock();
        try {
            return objects.get(key);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<T> list() {
        lock.readLock().lock();
        try {
            return List.copyOf(objects.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<String> listKeys() {
        lock.readLock().lock();
        try {
            return List.copyOf(objects.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return objects.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<T> byIndex(String indexName, String value) {
        lock.readLock().lock();
        try {
            Set<String> keys = index(indexName).getOrDefault(value, Set.of());
            List<T> result = new ArrayList<>(keys.size());
            for (String key : keys) {
                result.add(objects.get(key));
            }
            return List.copyOf(result);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<String> indexKeys(String indexName, String value) {
        lock.readLock().lock();
        try {
            return List.copyOf(index(indexName).getOrDefault(value, Set.of()));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Set<String> indexNames() {
        lock.readLock().lock();
        try {
            return Set.copyOf(indexFunctions.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    private Map<String, Set<String>> index(String indexName) {
        Map<String, Set<String>> index = indexes.get(indexName);
        if (index == null) {
            throw new IllegalArgumentException("no index named '" + indexName + "'");
        }
        return index;
    }

    private void put(String key, T obj) {
        T old = objects.put(key, obj);
        indexFunctions.forEach((name, function) -> {
            Map<String, Set<String>> index = indexes.get(name);
            if (old != null) {
                removeFromIndex(name, index, function, key, old);
            }
            addToIndex(name, index, function, key, obj);
        });
    }

    private void remove(String key) {
        T old = objects.remove(key);
        if (old != null) {
            indexFunctions.forEach((name, function) -> removeFromIndex(name, indexes.get(name), function, key, old));
        }
    }

    private void addToIndex(String name, Map<String, Set<String>> index, Function<? super T, List<String>> function,
            String key, T obj) {
        for (String value : indexValues(name, function, key, obj)) {
            index.computeIfAbsent(value, v -> new HashSet<>()).add(key);
        }
    }

    private void removeFromIndex(String name, Map<String, Set<String>> index, Function<? super T, List<String>> function,
            String key, T obj) {
        // Cached objects are never modified, so the function gives the values it gave when added.
        for (String value : indexValues(name, function, key, obj)) {
            Set<String> keys = index.get(value);
            if (keys != null) {
                keys.remove(key);
                if (keys.isEmpty()) {
                    index.remove(value);
                }
            }
        }
    }

    private static <T> List<String> indexValues(String name, Function<? super T, List<String>> function, String key, T obj) {
        try {
            List<String> values = function.apply(obj);
            return values == null ? List.of() : values;
        } catch (RuntimeException e) {
            // A broken index function must not break the cache: the object is just not indexed.
            log.warn("index function '{}' failed for {}; the object is left out of that index", name, key, e);
            return List.of();
        }
    }
}
