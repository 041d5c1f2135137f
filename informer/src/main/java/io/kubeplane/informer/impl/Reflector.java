package io.kubeplane.informer.impl;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The informer's reading thread: polls the {@link EventSource} and hands every batch on, for as
 * long as the informer runs. A failing poll (the broker is down, say) is logged once and retried
 * with a growing pause of at most {@value #MAX_BACKOFF_MS} ms; the cache keeps serving meanwhile.
 *
 * <p>Thread-safe: {@link #start()} and {@link #stop(Duration)} may be called from any thread; the
 * source is only touched by the reading thread (and closed by it on the way out).
 */
final class Reflector {

    private static final Logger log = LoggerFactory.getLogger(Reflector.class);
    private static final long MIN_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final String informerName;
    private final EventSource source;
    private final Consumer<SourceBatch> sink;
    private final Duration pollTimeout;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile @Nullable Thread thread;

    Reflector(String informerName, EventSource source, Consumer<SourceBatch> sink, Duration pollTimeout) {
        this.informerName = informerName;
        this.source = source;
        this.sink = sink;
        this.pollTimeout = pollTimeout;
    }

    synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = Thread.ofPlatform().name("informer-" + informerName + "-reflector").daemon().start(this::run);
    }

    /** Stops reading and waits up to {@code timeout} for the thread to end. */
    void stop(Duration timeout) {
        stopping.countDown();
        source.wakeup();
        Thread running = thread;
        if (running == null) {
            source.close();
            return;
        }
        try {
            if (!running.join(timeout)) {
                log.warn("informer {}: reading thread did not stop within {}", informerName, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean running() {
        return stopping.getCount() > 0;
    }

    private void run() {
        long backoff = 0;
        try {
            while (running()) {
                try {
                    SourceBatch batch = source.poll(pollTimeout);
                    if (!running()) {
                        break;
                    }
                    sink.accept(batch);
                    if (backoff > 0) {
                        log.info("informer {}: reading again", informerName);
                        backoff = 0;
                    }
                } catch (RuntimeException e) {
                    if (!running()) {
                        break;
                    }
                    if (backoff == 0) {
                        log.warn("informer {}: cannot read the stream, retrying: {}", informerName, e.toString(), e);
                    } else {
                        log.debug("informer {}: still cannot read the stream: {}", informerName, e.toString());
                    }
                    backoff = backoff == 0 ? MIN_BACKOFF_MS : Math.min(backoff * 2, MAX_BACKOFF_MS);
                    pause(backoff);
                }
            }
        } finally {
            try {
                source.close();
            } catch (RuntimeException e) {
                log.warn("informer {}: closing the source failed", informerName, e);
            }
        }
    }

    private void pause(long millis) {
        try {
            // Returns at once when stop() is called.
            stopping.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
    }
}
