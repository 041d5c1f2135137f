package io.kubeplane.apiserver.watch;

import io.kubeplane.apiserver.storage.StoredEvent;
import io.kubeplane.events.WatchEventType;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One watcher's queue of events, filled by the {@link WatchCache} and drained by the request that
 * streams them.
 *
 * <p>Selector watches see objects arrive and leave: a MODIFIED that makes an object match becomes
 * ADDED, one that makes it stop matching becomes DELETED, as Kubernetes' watch cache does. A watcher
 * that falls more than its queue's capacity behind is closed ({@link #overflowed()}); the client
 * re-lists, as with a Kubernetes watch the server ends. Thread-safe.
 */
public final class WatchSubscription implements AutoCloseable {

    /** An event as sent to this watcher, its type adjusted for the watcher's selectors. */
    public record Delivery(WatchEventType type, long resourceVersion, String json) {
    }

    private final WatchFilter filter;
    private final long after;
    private final BlockingQueue<Delivery> queue;
    private final WatchCache cache;
    private volatile boolean closed;
    private volatile boolean overflowed;

    WatchSubscription(WatchCache cache, WatchFilter filter, long after, int capacity) {
        this.cache = cache;
        this.filter = filter;
        this.after = after;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Called by the cache, under its lock, for every new event. */
    void offer(StoredEvent event) {
        if (closed || event.resourceVersion() <= after || !filter.watchesResource(event.resource())) {
            return;
        }
        WatchEventType type = typeFor(event);
        if (type == null) {
            return;
        }
        if (!queue.offer(new Delivery(type, event.resourceVersion(), event.json()))) {
            overflowed = true;
            close();
        }
    }

    private @Nullable WatchEventType typeFor(StoredEvent event) {
        boolean now = filter.matches(event.namespace(), event.name(), event.labels(), event.fields());
        if (event.type() != WatchEventType.MODIFIED || event.previousLabels() == null || event.previousFields() == null) {
            return now ? event.type() : null;
        }
        boolean before = filter.matches(event.namespace(), event.name(), event.previousLabels(), event.previousFields());
        if (now && before) {
            return WatchEventType.MODIFIED;
        }
        if (now) {
            return WatchEventType.ADDED;
        }
        return before ? WatchEventType.DELETED : null;
    }

    /** The next event, or null when none arrives within {@code timeout} or the subscription closed. */
    public @Nullable Delivery poll(Duration timeout) throws InterruptedException {
        Delivery next = queue.poll();
        if (next != null || closed) {
            return next;
        }
        return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean isClosed() {
        return closed && queue.isEmpty();
    }

    /** Whether the watcher fell too far behind and was cut off. */
    public boolean overflowed() {
        return overflowed;
    }

    @Override
    public void close() {
        closed = true;
        cache.unsubscribe(this);
    }
}
