package io.kubeplane.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.function.Consumer;

/**
 * Told about every change an informer's cache goes through, in the order the cache went through
 * them.
 *
 * <p>Called on the informer's one dispatcher thread, never concurrently and never on the thread
 * reading Kafka, so a handler may block (at the cost of delaying the informer's later events). A
 * handler that throws is logged and keeps receiving events. Objects passed in are the cached
 * instances: do not modify them.
 *
 * @param <T> the kind of object
 */
public interface ResourceEventHandler<T extends HasMetadata> {

    /** An object appeared: created, or seen for the first time (the initial sync, a late handler). */
    void onAdd(T obj);

    /** An object changed; {@code oldObj} is what the cache held before. */
    void onUpdate(T oldObj, T newObj);

    /** An object is gone; {@code obj} is its last known state. */
    void onDelete(T obj);

    /**
     * A handler for readers that only need to know which object changed, however: {@code changed}
     * gets the added, the updated (its new state) and the deleted object alike.
     */
    static <T extends HasMetadata> ResourceEventHandler<T> onAnyChange(Consumer<? super T> changed) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                changed.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                changed.accept(newObj);
            }

            @Override
            public void onDelete(T obj) {
                changed.accept(obj);
            }
        };
    }
}
