package io.kubeplane.informer.impl;

import java.util.List;

/**
 * What one {@link EventSource#poll} returned. Immutable.
 *
 * @param generation which read of the stream from its start the records belong to, from 1
 * @param records    the records in stream order (per key)
 * @param caughtUp   whether this generation has read up to the end offsets it began with
 */
public record SourceBatch(long generation, List<SourceRecord> records, boolean caughtUp) {

    public SourceBatch {
        if (generation < 1) {
            throw new IllegalArgumentException("generation starts at 1, was " + generation);
        }
        records = List.copyOf(records);
    }

    public static SourceBatch empty(long generation, boolean caughtUp) {
        return new SourceBatch(generation, List.of(), caughtUp);
    }
}
