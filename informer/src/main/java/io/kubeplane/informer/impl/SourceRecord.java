package io.kubeplane.informer.impl;

import org.jspecify.annotations.Nullable;

/**
 * One record of the stream: an object key and an envelope, or no value (a tombstone: the key is
 * gone from the table). Immutable by convention; the value array is not copied.
 *
 * @param key      {@code namespace/name} or {@code name}
 * @param value    the watch-event envelope, {@code null} for a tombstone
 * @param position where the record was read, for log messages (e.g. {@code topic-0@42})
 */
public record SourceRecord(String key, byte @Nullable [] value, String position) {
}
