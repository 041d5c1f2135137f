package io.kubeplane.events;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * A {@link WatchEvent} whose object has been read into its fabric8 type, as consumers use it.
 * Immutable as a record; the object itself is a mutable fabric8 bean that callers must not share
 * and change.
 *
 * @param type            what happened
 * @param resourceVersion the resourceVersion of the write (of the deletion, for {@code DELETED})
 * @param object          the object (its last state, for {@code DELETED})
 * @param <T>             the fabric8 type
 */
public record TypedWatchEvent<T extends HasMetadata>(WatchEventType type, long resourceVersion, T object) {

    public TypedWatchEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(object, "object");
    }
}
