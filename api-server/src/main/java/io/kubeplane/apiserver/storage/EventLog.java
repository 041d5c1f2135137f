package io.kubeplane.apiserver.storage;

import java.util.List;

/**
 * The watch-event log: read by the api-server's tailer (for watches) and by the outbox relay (for
 * Kafka), in resource-version order.
 *
 * <p>Implementations are thread-safe.
 */
public interface EventLog {

    /** The highest resource version handed out so far; cheap, no side effects. */
    long handedOut();

    /**
     * Reads the highest version handed out, then takes a snapshot whose xmax is above the
     * transaction id of every writer that took a version up to it.
     */
    ResourceVersionProbe probe();

    /** A fresh snapshot, to see whether writers in progress at an earlier probe have finished. */
    String snapshot();

    /** Events with {@code after < resourceVersion <= upTo}, in order, at most {@code max} of them. */
    List<StoredEvent> read(long after, long upTo, int max);

    /** The lowest resource version still in the log, or 0 when it is empty. */
    long oldestRetained();

    /** Deletes events with versions below {@code version}; returns how many. */
    int compactBelow(long version);
}
