package io.kubeplane.events;

/**
 * The kind of change a {@link WatchEvent} carries, named as in the Kubernetes watch API.
 *
 * <p>{@code BOOKMARK} exists in the HTTP watch stream but is never published to Kafka, so it has
 * no constant here. {@code ERROR} is likewise an HTTP-only event.
 */
public enum WatchEventType {
    /** The object was created. */
    ADDED,
    /** The object was changed; the event holds its new state. */
    MODIFIED,
    /** The object was deleted; the event holds its last state and the resourceVersion of the deletion. */
    DELETED
}
