package io.kubeplane.apiserver.watch;

import io.kubeplane.apiserver.storage.EventLog;
import java.time.Duration;

/**
 * Makes a list's resourceVersion cover every write committed before the list began, as
 * kube-apiserver's consistent reads from the watch cache do: it reads the highest version handed
 * out, asks the tailer to settle up to it, and waits (briefly) until it has. A watch from the
 * list's version then replays nothing the list already showed, unless a write raced the list.
 * Thread-safe.
 */
public final class ConsistentReads {

    private static final Duration MAX_WAIT = Duration.ofSeconds(1);

    private final EventLog eventLog;
    private final WatchCache cache;
    private final EventLogTailer tailer;

    public ConsistentReads(EventLog eventLog, WatchCache cache, EventLogTailer tailer) {
        this.eventLog = eventLog;
        this.cache = cache;
        this.tailer = tailer;
    }

    /** A version up to which every write committed before this call is settled. */
    public long currentVersion() {
        long handedOut = eventLog.handedOut();
        if (cache.settledVersion() >= handedOut) {
            return cache.settledVersion();
        }
        tailer.wake();
        try {
            // On timeout (a writer holding a transaction open), the settled version is still safe:
            // the list may then show changes a watch from it repeats, never miss one.
            cache.awaitSettled(handedOut, MAX_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return cache.settledVersion();
    }
}
