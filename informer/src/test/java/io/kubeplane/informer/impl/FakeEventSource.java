package io.kubeplane.informer.impl;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeplane.events.EnvelopeCodec;
import io.kubeplane.events.EventKeys;
import io.kubeplane.events.WatchEvent;
import io.kubeplane.events.WatchEventType;
import io.kubeplane.model.KubernetesJson;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written {@link EventSource}: the test queues batches and generations, the informer polls
 * them. Between queued batches it answers with empty batches of the current generation.
 *
 * <p>Thread-safe: the test thread queues, the informer's reading thread polls.
 */
final class FakeEventSource implements EventSource {

    /** Thrown from poll in place of a batch, to simulate an unreachable broker. */
    private static final SourceBatch FAILURE = SourceBatch.empty(Long.MAX_VALUE, false);
    private static final SourceBatch WAKEUP = SourceBatch.empty(Long.MAX_VALUE - 1, false);

    private final BlockingQueue<SourceBatch> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger offset = new AtomicInteger();
    private final AtomicInteger polls = new AtomicInteger();
    /** The generation and caught-up state the last delivered batch had; guarded by this. */
    private long generation = 1;
    private boolean caughtUp;
    /** The generation of the last queued batch; guarded by this. */
    private long queuedGeneration = 1;
    private volatile boolean closed;

    /** Queues records of the current generation. */
    synchronized FakeEventSource send(boolean caughtUp, SourceRecord... records) {
        queue.add(new SourceBatch(queuedGeneration, Arrays.asList(records), caughtUp));
        return this;
    }

    /** Starts the next generation (a re-read from the start), with its first records. */
    synchronized FakeEventSource reset(boolean caughtUp, SourceRecord... records) {
        queuedGeneration++;
        return send(caughtUp, records);
    }

    /** Makes the next poll throw, as a client does when the broker is unreachable. */
    FakeEventSource fail() {
        queue.add(FAILURE);
        return this;
    }

    SourceRecord event(WatchEventType type, long resourceVersion, HasMetadata obj) {
        byte[] value = EnvelopeCodec.encode(new WatchEvent(type, resourceVersion, KubernetesJson.write(obj)));
        return new SourceRecord(EventKeys.key(obj), value, "fake@" + offset.getAndIncrement());
    }

    SourceRecord tombstone(String key) {
        return new SourceRecord(key, null, "fake@" + offset.getAndIncrement());
    }

    SourceRecord garbage(String key) {
        return new SourceRecord(key, "not an envelope".getBytes(), "fake@" + offset.getAndIncrement());
    }

    int polls() {
        return polls.get();
    }

    boolean closed() {
        return closed;
    }

    @Override
    public SourceBatch poll(Duration timeout) {
        polls.incrementAndGet();
        SourceBatch next;
        try {
            next = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            next = WAKEUP;
        }
        if (next == FAILURE) {
            throw new IllegalStateException("broker unreachable (fake)");
        }
        synchronized (this) {
            if (next == null || next == WAKEUP) {
                return SourceBatch.empty(generation, caughtUp);
            }
            generation = next.generation();
            caughtUp = next.caughtUp();
            return next;
        }
    }

    @Override
    public void wakeup() {
        queue.add(WAKEUP);
    }

    @Override
    public void close() {
        closed = true;
    }

}
