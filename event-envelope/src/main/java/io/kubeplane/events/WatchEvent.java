package io.kubeplane.events;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeplane.model.KubernetesJson;
import java.util.Objects;

/**
 * One change to one object, as carried on a Kafka topic: the event type, the resourceVersion the
 * write was given, and the object as JSON text.
 *
 * <p>The object stays as text so that the outbox relay can publish what it stored without parsing
 * it; {@link #object(Class)} reads it into a fabric8 type when a consumer needs one. Immutable and
 * thread-safe.
 *
 * <p>On the wire (see {@link EnvelopeCodec}):
 * <pre>{"type":"ADDED","resourceVersion":123,"object":{...}}</pre>
 *
 * @param type            what happened
 * @param resourceVersion the resourceVersion of the write, positive; for {@code DELETED} the
 *                        version of the deletion, which is newer than the object's last version
 * @param objectJson      the object as a JSON object text (for {@code DELETED}, its last state)
 */
public record WatchEvent(WatchEventType type, long resourceVersion, String objectJson) {

    public WatchEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(objectJson, "objectJson");
        if (resourceVersion <= 0) {
            throw new IllegalArgumentException("resourceVersion must be positive, was " + resourceVersion);
        }
    }

    /**
     * The event for an object whose {@code metadata.resourceVersion} is already set, as the store
     * returns it after a write.
     *
     * @throws IllegalArgumentException if the object has no numeric resourceVersion
     */
    public static WatchEvent of(WatchEventType type, HasMetadata object) {
        String version = object.getMetadata() == null ? null : object.getMetadata().getResourceVersion();
        if (version == null) {
            throw new IllegalArgumentException("object has no metadata.resourceVersion");
        }
        long resourceVersion;
        try {
            resourceVersion = Long.parseLong(version);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metadata.resourceVersion is not a number: " + version, e);
        }
        return new WatchEvent(type, resourceVersion, KubernetesJson.write(object));
    }

    /** Reads the object into a fabric8 type. */
    public <T extends HasMetadata> T object(Class<T> objectType) {
        try {
            return KubernetesJson.read(objectJson, objectType);
        } catch (RuntimeException e) {
            throw new EnvelopeFormatException("object is not a valid " + objectType.getSimpleName(), e);
        }
    }

    @Override
    public String toString() {
        // The object can be large; the type and version identify the event well enough in logs.
        return "WatchEvent[" + type + " rv=" + resourceVersion + ", " + objectJson.length() + " chars]";
    }
}
