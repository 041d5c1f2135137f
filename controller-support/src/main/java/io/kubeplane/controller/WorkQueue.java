package io.kubeplane.controller;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Keys waiting to be reconciled, with client-go's workqueue guarantees: a key is queued at most
 * once however often it is added; a key is never handed to two workers at once (added while being
 * processed, it is queued again when the worker is {@link #done}); and a key that keeps failing
 * waits longer each time ({@link #addRateLimited}), doubling from {@code baseDelay} to
 * {@code maxDelay}, until it is {@link #forget forgotten}. Thread-safe.
 *
 * @param <K> the key, typically {@code namespace/name}
 */
public final class WorkQueue<K> implements AutoCloseable {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<K> queue = new ArrayDeque<>();
    /** Keys that need processing: queued, or added again while being processed. */
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final Map<K, Integer> failures = new HashMap<>();
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final ScheduledExecutorService timers;
    private boolean shutDown;

    public WorkQueue(String name, Duration baseDelay, Duration maxDelay) {
        if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("need 0 < baseDelay <= maxDelay, got " + baseDelay + " and " + maxDelay);
        }
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name(name + "-delays").factory());
    }

    /** Queues {@code key} unless it is queued already. */
    public void add(K key) {
        lock.lock();
        try {
            if (shutDown || !dirty.add(key)) {
                return;
            }
            if (!processing.contains(key)) {
                queue.addLast(key);
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code key} after {@code delay}. */
    public void addAfter(K key, Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            add(key);
            return;
        }
        lock.lock();
        try {
            if (shutDown) {
                return;
            }
            timers.schedule(() -> add(key), delay.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code key} after its backoff, which doubles with every call until {@link #forget}. */
    public Duration addRateLimited(K key) {
        Duration delay;
        lock.lock();
        try {
            int failed = failures.merge(key, 1, Integer::sum);
            delay = backoff(failed, baseDelay, maxDelay);
        } finally {
            lock.unlock();
        }
        addAfter(key, delay);
        return delay;
    }

    /** The key succeeded: its next failure starts again from the base delay. */
    public void forget(K key) {
        lock.lock();
        try {
            failures.remove(key);
        } finally {
            lock.unlock();
        }
    }

    /** How often {@code key} has failed since it was last forgotten. */
    public int failures(K key) {
        lock.lock();
        try {
            return failures.getOrDefault(key, 0);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next key, waiting for one; the caller must call {@link #done} with it.
     *
     * @return the key, or null once the queue is shut down
     */
    public @Nullable K take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (queue.isEmpty() && !shutDown) {
                notEmpty.await();
            }
            if (shutDown) {
                return null;
            }
            K key = queue.removeFirst();
            processing.add(key);
            dirty.remove(key);
            return key;
        } finally {
            lock.unlock();
        }
    }

    /** The worker is finished with {@code key}; if it was added meanwhile it is queued again. */
    public void done(K key) {
        lock.lock();
        try {
            processing.remove(key);
            if (dirty.contains(key)) {
                queue.addLast(key);
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Keys waiting, not counting those being processed or delayed. */
    public int depth() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Stops handing out keys: every waiting {@link #take} returns null. */
    @Override
    public void close() {
        lock.lock();
        try {
            shutDown = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        timers.shutdownNow();
    }

    /** {@code base * 2^(failures-1)}, at most {@code max}. Pure. */
    static Duration backoff(int failures, Duration base, Duration max) {
        int shift = Math.min(Math.max(failures - 1, 0), 30);
        long nanos = base.toNanos();
        if (nanos > max.toNanos() >> shift) {
            return max;
        }
        return Duration.ofNanos(Math.min(nanos << shift, max.toNanos()));
    }
}
