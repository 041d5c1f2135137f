package io.kubeplane.informer.impl;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeplane.events.EnvelopeCodec;
import io.kubeplane.events.EnvelopeFormatException;
import io.kubeplane.events.EventKeys;
import io.kubeplane.events.TypedWatchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns source batches into cache changes and handler notifications.
 *
 * <p>While a generation of the source is being read for the first time, its records go into a
 * fresh {@link ObjectTable} and readers keep seeing the previous cache. When that generation has
 * caught up, the fresh table replaces the live one in one step, and the differences are applied
 * to the cache and told to the handlers (adds, updates, and deletes for objects the stream no
 * longer has). After that, records apply to the live table and the cache one by one.
 *
 * <pre>
 *   generation 1:  [ build fresh ]--caught up--> swap (all adds), synced
 *                                                  | live changes ...
 *   generation 2:               [ build fresh, cache still serves gen 1 ]--caught up--> swap (diff)
 * </pre>
 *
 * <p>Not thread-safe: called by the informer's reading thread only. The cache it writes is
 * thread-safe for readers.
 *
 * @param <T> the kind of object
 */
final class ProcessorStore<T extends HasMetadata> {

    private static final Logger log = LoggerFactory.getLogger(ProcessorStore.class);

    private final String informerName;
    private final Class<T> type;
    private final int deletionMemory;
    private final ObjectCache<T> cache;
    private final SharedProcessor<T> processor;
    private final Runnable onSynced;

    private volatile UnaryOperator<T> transform = UnaryOperator.identity();
    private ObjectTable<T> live;
    private @Nullable ObjectTable<T> fresh;
    private long generation;

    ProcessorStore(String informerName, Class<T> type, int deletionMemory, ObjectCache<T> cache,
            SharedProcessor<T> processor, Runnable onSynced) {
        this.informerName = informerName;
        this.type = type;
        this.deletionMemory = deletionMemory;
        this.cache = cache;
        this.processor = processor;
        this.onSynced = onSynced;
        this.live = new ObjectTable<>(deletionMemory);
    }

    void setTransform(UnaryOperator<T> transform) {
        this.transform = transform;
    }

    void accept(SourceBatch batch) {
        if (batch.generation() != generation) {
            if (generation != 0) {
                log.info("informer {}: stream reset (generation {}), rebuilding the cache from the start while serving the old one",
                        informerName, batch.generation());
            }
            generation = batch.generation();
            fresh = new ObjectTable<>(deletionMemory);
        }
        ObjectTable<T> building = fresh;
        if (building != null) {
            for (SourceRecord record : batch.records()) {
                Decoded<T> decoded = decode(record);
                if (decoded != null) {
                    building.apply(record.key(), decoded.event());
                }
            }
            if (batch.caughtUp()) {
                List<Change<T>> changes = live.changesTo(building);
                live = building;
                fresh = null;
                publish(changes);
                log.debug("informer {}: generation {} caught up with {} objects, {} changes",
                        informerName, generation, live.size(), changes.size());
                onSynced.run();
            }
            return;
        }
        List<Change<T>> changes = new ArrayList<>();
        for (SourceRecord record : batch.records()) {
            Decoded<T> decoded = decode(record);
            if (decoded != null) {
                Change<T> change = live.apply(record.key(), decoded.event());
                if (change != null) {
                    changes.add(change);
                }
            }
        }
        publish(changes);
    }

    private void publish(List<Change<T>> changes) {
        if (!changes.isEmpty()) {
            // Under the cache's write lock: a handler added concurrently sees either the cache
            // before these changes plus the changes, or the cache after them, never both.
            cache.apply(changes, () -> processor.distribute(changes));
        }
    }

    /** A decoded record; {@code event} is {@code null} for a tombstone. */
    private record Decoded<T extends HasMetadata>(@Nullable TypedWatchEvent<T> event) {
    }

    /** Decodes a record, or returns {@code null} (after logging) if it cannot be used. */
    private @Nullable Decoded<T> decode(SourceRecord record) {
        byte[] value = record.value();
        if (value == null) {
            return new Decoded<>(null);
        }
        TypedWatchEvent<T> event;
        try {
            event = EnvelopeCodec.decodeWithoutManagedFields(value, type);
        } catch (EnvelopeFormatException e) {
            log.warn("informer {}: skipping record {} with key {}: {}", informerName, record.position(), record.key(),
                    e.getMessage());
            return null;
        }
        String objectKey;
        try {
            objectKey = EventKeys.key(event.object());
        } catch (IllegalArgumentException e) {
            objectKey = "(no name)";
        }
        if (!objectKey.equals(record.key())) {
            // The record key is what compaction and tombstones go by; an object filed under
            // another key could never be found by name nor removed.
            log.warn("informer {}: skipping record {}: key {} does not match its object {}", informerName,
                    record.position(), record.key(), objectKey);
            return null;
        }
        return new Decoded<>(new TypedWatchEvent<>(event.type(), event.resourceVersion(), transform.apply(event.object())));
    }
}
