package io.kubeplane.apiserver.watch;

import io.kubeplane.apiserver.storage.StoredEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The window of recent settled events that watches are served from, and the settled resource
 * version that lists report.
 *
 * <p>Events arrive from the {@link EventLogTailer} in resource-version order; a watch from version
 * {@code N} gets every retained event after {@code N}, then live ones, with nothing skipped or
 * reordered. A watch from before the window gets {@link TooOldResourceVersionException}. Thread-safe.
 */
public final class WatchCache {

    private final int capacity;
    private final int subscriberQueueCapacity;
    private final ArrayDeque<StoredEvent> window;
    private final Set<WatchSubscription> subscribers = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    /** Every event with a version above this is in the window. */
    private long windowStart;
    private volatile long settled;
    private volatile boolean ready;

    public WatchCache(int capacity, int subscriberQueueCapacity) {
        this.capacity = capacity;
        this.subscriberQueueCapacity = subscriberQueueCapacity;
        this.window = new ArrayDeque<>(Math.min(capacity, 1 << 16));
    }

    /** Starts the window just after {@code version}; called once by the tailer before the first events. */
    void reset(long version) {
        lock.lock();
        try {
            window.clear();
            windowStart = version;
            settled = Math.max(settled, version);
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Marks the cache caught up with every version handed out when the tailer started. */
    void markReady() {
        lock.lock();
        try {
            ready = true;
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Appends settled events, in order, and moves the settled version to {@code settledVersion}. */
    void append(List<StoredEvent> events, long settledVersion) {
        lock.lock();
        try {
            for (StoredEvent event : events) {
                if (window.size() == capacity) {
                    windowStart = window.removeFirst().resourceVersion();
                }
                window.addLast(event);
                for (WatchSubscription subscriber : subscribers) {
                    subscriber.offer(event);
                }
            }
            settled = Math.max(settled, settledVersion);
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the tailer has read the log once, so lists and watches can be served. */
    public boolean isReady() {
        return ready;
    }

    /** Every write up to this version is settled and in the window; lists report it as their version. */
    public long settledVersion() {
        return settled;
    }

    /** Waits until the settled version reaches {@code version}; false on timeout. */
    public boolean awaitSettled(long version, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (settled < version) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                advanced.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the tailer has read the log once; false on timeout. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long left = timeout.toNanos();
            while (!ready && left > 0) {
                left = advanced.awaitNanos(left);
            }
            return ready;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a watch after {@code version}: retained events after it first, then live ones.
     *
     * @throws TooOldResourceVersionException when events after {@code version} have left the window
     */
    public WatchSubscription subscribe(WatchFilter filter, long version) {
        lock.lock();
        try {
            if (version < windowStart) {
                throw new TooOldResourceVersionException(version, windowStart + 1);
            }
            WatchSubscription subscription = new WatchSubscription(this, filter, version, subscriberQueueCapacity);
            for (StoredEvent event : window) {
                subscription.offer(event);
            }
            subscribers.add(subscription);
            return subscription;
        } finally {
            lock.unlock();
        }
    }

    void unsubscribe(WatchSubscription subscription) {
        subscribers.remove(subscription);
    }

    /** How many watches are open. */
    public int watchers() {
        return subscribers.size();
    }

    /** The oldest version a watch may start from. */
    public long oldestWatchableVersion() {
        lock.lock();
        try {
            return windowStart;
        } finally {
            lock.unlock();
        }
    }
}
