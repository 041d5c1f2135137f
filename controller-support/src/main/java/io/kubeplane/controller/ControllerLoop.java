package io.kubeplane.controller;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker threads that take keys from a {@link WorkQueue} and hand them to a {@link Reconciler}: a
 * key that succeeds is forgotten (its backoff reset), one that throws is retried after its backoff.
 * Metrics, tagged with the controller's name: {@code controller_reconciles_total{result}},
 * {@code controller_reconcile_seconds}, {@code controller_queue_depth}. Thread-safe; start once.
 *
 * @param <K> the key
 */
public final class ControllerLoop<K> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControllerLoop.class);

    private final String name;
    private final WorkQueue<K> queue;
    private final Reconciler<K> reconciler;
    private final int workers;
    private final Timer duration;
    private final Counter succeeded;
    private final Counter waiting;
    private final Counter failed;
    private final List<Thread> threads = new ArrayList<>();

    /** A queue with the usual backoff, 200 ms doubling up to 2 minutes, for a loop named {@code name}. */
    public static <K> WorkQueue<K> queue(String name) {
        return new WorkQueue<>(name, Duration.ofMillis(200), Duration.ofMinutes(2));
    }

    /**
     * @param queue      the keys, usually from {@link #queue(String)}; the reconciler's handlers fill it
     * @param workers    how many keys are reconciled at once
     */
    public ControllerLoop(String name, WorkQueue<K> queue, Reconciler<K> reconciler, int workers, MeterRegistry registry) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be positive, was " + workers);
        }
        this.name = name;
        this.reconciler = reconciler;
        this.workers = workers;
        this.queue = queue;
        this.duration = Timer.builder("controller.reconcile").tag("controller", name)
                .description("Time one reconcile took").register(registry);
        this.succeeded = counter(registry, "success");
        this.waiting = counter(registry, "waiting");
        this.failed = counter(registry, "error");
        Gauge.builder("controller.queue.depth", queue, WorkQueue::depth).tag("controller", name)
                .description("Keys waiting to be reconciled").register(registry);
    }

    public String name() {
        return name;
    }

    /** Where handlers put the keys to reconcile. */
    public WorkQueue<K> queue() {
        return queue;
    }

    public void start() {
        synchronized (threads) {
            if (!threads.isEmpty()) {
                throw new IllegalStateException(name + " is already started");
            }
            for (int i = 0; i < workers; i++) {
                threads.add(Thread.ofVirtual().name(name + "-" + i).start(this::work));
            }
        }
        log.info("Controller {} started with {} worker(s)", name, workers);
    }

    private void work() {
        while (true) {
            K key;
            try {
                key = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) {
                return;
            }
            try {
                Reconciler.Result result = duration.recordCallable(() -> reconciler.reconcile(key));
                if (result != null && result.backoff()) {
                    waiting.increment();
                    queue.addRateLimited(key);
                } else {
                    succeeded.increment();
                    queue.forget(key);
                    if (result != null && result.requeueAfter() != null) {
                        queue.addAfter(key, result.requeueAfter());
                    }
                }
            } catch (Exception e) {
                failed.increment();
                Duration retry = queue.addRateLimited(key);
                log.warn("{}: reconciling {} failed (attempt {}), retrying in {} ms: {}", name, key, queue.failures(key),
                        retry.toMillis(), e.toString());
            } finally {
                queue.done(key);
            }
        }
    }

    /** Stops the workers after their current key. */
    @Override
    public void close() {
        queue.close();
        synchronized (threads) {
            for (Thread thread : threads) {
                try {
                    thread.join(Duration.ofSeconds(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("controller.reconciles").tag("controller", name).tag("result", result)
                .description("Reconciles by outcome: success, waiting (backing off without an error), error")
                .register(registry);
    }
}
