package io.kubeplane.informer.impl;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeplane.events.TypedWatchEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The objects of one read of the stream with the resourceVersion each was last written at: the
 * rules that turn an at-least-once stream into a table.
 *
 * <pre>
 *   event for key K at version V        table holds K at version C   result
 *   ADDED / MODIFIED                    nothing, no deletion >= V    Added
 *   ADDED / MODIFIED                    C &lt; V                       Updated
 *   anything                            C >= V                       dropped (stale or duplicate)
 *   ADDED / MODIFIED                    nothing, deleted at D >= V   dropped (older than the deletion)
 *   DELETED                             C &lt; V                       Deleted, D = V remembered
 *   DELETED                             nothing                      D = V remembered, no change
 *   tombstone (no value)                C                            Deleted, D = C remembered
 *   tombstone (no value)                nothing                      no change
 * </pre>
 *
 * Deletions are remembered for the most recent {@code deletionMemory} keys only.
 *
 * <p>Pure and not thread-safe: owned by the informer's reading thread.
 *
 * @param <T> the kind of object
 */
final class ObjectTable<T extends HasMetadata> {

    /** An object and the resourceVersion of the event that wrote it. */
    record Versioned<T>(T obj, long resourceVersion) {
    }

    private final Map<String, Versioned<T>> objects = new HashMap<>();
    private final Map<String, Long> deletions;

    ObjectTable(int deletionMemory) {
        // Insertion order, refreshed on every deletion: the eldest entry is the oldest deletion.
        this.deletions = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > deletionMemory;
            }
        };
    }

    /**
     * Applies one record to the table.
     *
     * @param event the decoded envelope, {@code null} for a tombstone
     * @return the change, or {@code null} if the record changes nothing
     */
    @Nullable Change<T> apply(String key, @Nullable TypedWatchEvent<T> event) {
        Versioned<T> current = objects.get(key);
        if (event == null) {
            if (current == null) {
                return null;
            }
            objects.remove(key);
            rememberDeletion(key, current.resourceVersion());
            return new Change.Deleted<>(key, current.obj());
        }
        long version = event.resourceVersion();
        if (current != null && version <= current.resourceVersion()) {
            return null;
        }
        if (current == null) {
            Long deletedAt = deletions.get(key);
            if (deletedAt != null && version <= deletedAt) {
                return null;
            }
        }
        return switch (event.type()) {
            case ADDED, MODIFIED -> {
                objects.put(key, new Versioned<>(event.object(), version));
                deletions.remove(key);
                yield current == null
                        ? new Change.Added<>(key, event.object())
                        : new Change.Updated<>(key, current.obj(), event.object());
            }
            case DELETED -> {
                rememberDeletion(key, version);
                if (current == null) {
                    yield null;
                }
                objects.remove(key);
                // The event carries the object's last state, newer than what the table held.
                yield new Change.Deleted<>(key, event.object());
            }
        };
    }

    /**
     * The changes that turn this table into {@code next}: adds and updates for what {@code next}
     * holds, deletes for what it does not. An object counts as changed if its version or its
     * content differs (a replaced cluster may reuse versions).
     */
    List<Change<T>> changesTo(ObjectTable<T> next) {
        List<Change<T>> changes = new ArrayList<>();
        next.objects.forEach((key, now) -> {
            Versioned<T> before = objects.get(key);
            if (before == null) {
                changes.add(new Change.Added<>(key, now.obj()));
            } else if (before.resourceVersion() != now.resourceVersion() || !Objects.equals(before.obj(), now.obj())) {
                changes.add(new Change.Updated<>(key, before.obj(), now.obj()));
            }
        });
        objects.forEach((key, before) -> {
            if (!next.objects.containsKey(key)) {
                changes.add(new Change.Deleted<>(key, before.obj()));
            }
        });
        return changes;
    }

    @Nullable Versioned<T> get(String key) {
        return objects.get(key);
    }

    int size() {
        return objects.size();
    }

    private void rememberDeletion(String key, long version) {
        deletions.remove(key);
        deletions.put(key, version);
    }
}
