package io.kubeplane.apiserver.registry;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a DELETE does to an object without finalizers, as kube-apiserver's {@code rest.BeforeDelete}
 * decides it. With g the grace period of the kind's strategy and r the one asked for:
 * <pre>
 *   not being deleted     g = 0 (or no graceful deletion)   REMOVE
 *                         g &gt; 0                             MARK   deletionTimestamp now+g, grace g,
 *                                                                   generation+1 (if set)
 *   being deleted, grace  r = 0                              REMOVE (the kubelet is done, or --force)
 *   d &gt; 0 until t        0 &lt; r &lt; d                          MARK   deletionTimestamp t-d+r (never before
 *                                                                   now, then grace 1), grace r
 *                         r &ge; d, or none                     PENDING  nothing changes
 *   being deleted, grace 0 or none                           REMOVE (an interrupted deletion)
 * </pre>
 * A grace period may only shorten: a second DELETE never gives a pod more time.
 *
 * <p>Pure and thread-safe. Called by the api-server's delete operation.
 *
 * @param action what to do
 * @param object for MARK, the object to store in place of the current one; otherwise the current one
 */
public record GracefulDeletion(Action action, ObjectNode object) {

    public enum Action {
        /** Remove the object from the store now. */
        REMOVE,
        /** Store {@link #object()}: marked for deletion, or with its grace period shortened. */
        MARK,
        /** A graceful deletion is under way and stays as it is. */
        PENDING
    }

    /**
     * @param strategy  the object's kind
     * @param current   the stored object, not changed
     * @param requested {@code DeleteOptions.gracePeriodSeconds}, null when not given; negative counts as 1
     * @param now       the time of the request
     */
    public static GracefulDeletion plan(KindStrategy strategy, ObjectNode current, @Nullable Long requested, Instant now) {
        Long asked = requested != null && requested < 0 ? Long.valueOf(1) : requested;
        OptionalLong grace = strategy.gracePeriodSeconds(current, asked);
        if (grace.isEmpty()) {
            return new GracefulDeletion(Action.REMOVE, current);
        }
        JsonNode metadata = current.path("metadata");
        if (!metadata.hasNonNull("deletionTimestamp")) {
            if (grace.getAsLong() == 0) {
                return new GracefulDeletion(Action.REMOVE, current);
            }
            ObjectNode marked = current.deepCopy();
            ObjectNode markedMetadata = marked.withObjectProperty("metadata");
            setDeletion(markedMetadata, now.plusSeconds(grace.getAsLong()), grace.getAsLong());
            // Controllers see the change of intent as a new generation, as kube-apiserver bumps it here.
            if (markedMetadata.path("generation").asLong(0) > 0) {
                markedMetadata.put("generation", markedMetadata.path("generation").asLong() + 1);
            }
            return new GracefulDeletion(Action.MARK, marked);
        }
        long pending = metadata.path("deletionGracePeriodSeconds").asLong(0);
        if (pending <= 0 || (asked != null && asked == 0)) {
            return new GracefulDeletion(Action.REMOVE, current);
        }
        if (asked == null || asked >= pending) {
            return new GracefulDeletion(Action.PENDING, current);
        }
        Instant deadline = Instant.parse(metadata.path("deletionTimestamp").asString())
                .minusSeconds(pending).plusSeconds(asked);
        long shortened = asked;
        if (deadline.isBefore(now)) {
            // The shorter period has run out already: the least grace that is still graceful, so
            // the node's agent still does the final delete.
            deadline = now;
            shortened = 1;
        }
        ObjectNode marked = current.deepCopy();
        setDeletion(marked.withObjectProperty("metadata"), deadline, shortened);
        return new GracefulDeletion(Action.MARK, marked);
    }

    private static void setDeletion(ObjectNode metadata, Instant deadline, long grace) {
        metadata.put("deletionTimestamp", DateTimeFormatter.ISO_INSTANT.format(deadline.truncatedTo(ChronoUnit.SECONDS)));
        metadata.put("deletionGracePeriodSeconds", grace);
    }
}
