package io.kubeplane.events;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.jspecify.annotations.Nullable;

/**
 * Kafka record keys for objects: {@code namespace/name}, or {@code name} for cluster-scoped
 * objects, the same key client-go and fabric8 use in their caches. Compaction keeps the last record
 * per key, which makes a topic a table of objects.
 *
 * <p>Stateless and thread-safe. Used by the outbox relay to key records and by informers to index
 * their caches.
 */
public final class EventKeys {

    private EventKeys() {
    }

    /**
     * The key of an object.
     *
     * @param namespace the namespace; {@code null} or empty for cluster-scoped objects
     * @param name      the object's name, not empty
     */
    public static String key(@Nullable String namespace, String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    /** The key of an object from its metadata. */
    public static String key(HasMetadata object) {
        if (object.getMetadata() == null || object.getMetadata().getName() == null) {
            throw new IllegalArgumentException("object has no metadata.name");
        }
        return key(object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    /** The namespace part of a key, {@code ""} for a cluster-scoped key. */
    public static String namespace(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? "" : key.substring(0, slash);
    }

    /** The name part of a key. */
    public static String name(String key) {
        return key.substring(key.indexOf('/') + 1);
    }
}
