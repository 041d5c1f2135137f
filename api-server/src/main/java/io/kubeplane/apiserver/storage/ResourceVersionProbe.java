package io.kubeplane.apiserver.storage;

/**
 * The highest resource version handed out, and a snapshot (text form) whose xmax is above the
 * transaction id of every writer that took a version up to it. See
 * {@code io.kubeplane.apiserver.watch.SettlementTracker}.
 *
 * @param handedOut highest resource version handed out so far
 * @param snapshot  {@code pg_current_snapshot()} taken afterwards
 */
public record ResourceVersionProbe(long handedOut, String snapshot) {
}
