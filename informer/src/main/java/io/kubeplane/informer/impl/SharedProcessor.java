package io.kubeplane.informer.impl;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeplane.events.EventKeys;
import io.kubeplane.informer.ResourceEventHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the handlers of one informer: every change, to every handler, in order, on one dispatcher
 * thread of its own, so that a slow handler never holds up reading the stream.
 *
 * <p>Thread-safe. The reading thread {@link #distribute}s changes; any thread may
 * {@link #addHandler}. The queue is unbounded, like fabric8's: a handler that blocks for good
 * makes it grow.
 *
 * @param <T> the kind of object
 */
final class SharedProcessor<T extends HasMetadata> {

    private static final Logger log = LoggerFactory.getLogger(SharedProcessor.class);

    private final String informerName;
    private final ExecutorService dispatcher;
    /** Touched only on the dispatcher thread. */
    private final List<ResourceEventHandler<? super T>> handlers = new ArrayList<>();

    SharedProcessor(String informerName) {
        this.informerName = informerName;
        this.dispatcher = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("informer-" + informerName + "-dispatcher").daemon().factory());
    }

    /**
     * Registers a handler behind every change distributed so far: it first gets {@code onAdd}
     * for each of {@code existing}, then every change distributed after this call.
     */
    void addHandler(ResourceEventHandler<? super T> handler, List<T> existing) {
        submit(() -> {
            handlers.add(handler);
            for (T obj : existing) {
                call(handler, "add", EventKeys.key(obj), () -> handler.onAdd(obj));
            }
        });
    }

    /** Queues changes for every handler, in list order. */
    void distribute(List<Change<T>> changes) {
        if (changes.isEmpty()) {
            return;
        }
        submit(() -> {
            for (Change<T> change : changes) {
                for (ResourceEventHandler<? super T> handler : handlers) {
                    switch (change) {
                        case Change.Added<T> c -> call(handler, "add", c.key(), () -> handler.onAdd(c.obj()));
                        case Change.Updated<T> c -> call(handler, "update", c.key(), () -> handler.onUpdate(c.oldObj(), c.newObj()));
                        case Change.Deleted<T> c -> call(handler, "delete", c.key(), () -> handler.onDelete(c.lastObj()));
                    }
                }
            }
        });
    }

    /** Stops dispatching; queued changes are dropped. Waits up to {@code timeout} for a running handler. */
    void stop(Duration timeout) {
        dispatcher.shutdownNow();
        try {
            if (!dispatcher.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("informer {}: a handler is still running after {}", informerName, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void submit(Runnable task) {
        try {
            dispatcher.execute(task);
        } catch (RejectedExecutionException e) {
            // Stopped: nobody is listening any more.
        }
    }

    private void call(ResourceEventHandler<? super T> handler, String event, Object subject, Runnable call) {
        try {
            call.run();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // One failing handler must neither stop the informer nor keep events from the others.
            log.error("informer {}: handler {} failed on {} of {}", informerName, handler, event, subject, e);
        }
    }
}
