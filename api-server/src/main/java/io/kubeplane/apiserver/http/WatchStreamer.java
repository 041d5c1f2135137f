package io.kubeplane.apiserver.http;

import io.kubeplane.apiserver.rest.ReadOperation;
import io.kubeplane.apiserver.storage.StoredObject;
import io.kubeplane.apiserver.watch.TooOldResourceVersionException;
import io.kubeplane.apiserver.watch.WatchCache;
import io.kubeplane.apiserver.watch.WatchFilter;
import io.kubeplane.apiserver.watch.WatchSubscription;
import io.kubeplane.events.WatchEventType;
import io.kubeplane.model.ApiResource;
import io.kubeplane.model.KubernetesJson;
import io.kubeplane.selector.FieldSelector;
import io.kubeplane.selector.LabelSelector;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Streams a watch as newline-delimited JSON watch events ({@code {"type":"ADDED","object":{...}}}),
 * as kube-apiserver does: from a resourceVersion, every later event in order; with no version (or
 * "0"), the current objects as ADDED first; BOOKMARK events when asked for; a 410 Gone as an ERROR
 * event when the version has left the window. Ends at {@code timeoutSeconds} or when the client
 * goes away. Each watch holds one (virtual) request thread. Thread-safe.
 */
public final class WatchStreamer {

    private final WatchCache cache;
    private final ReadOperation reader;
    private final Duration bookmarkInterval;
    private final Duration defaultTimeout;

    public WatchStreamer(WatchCache cache, ReadOperation reader, Duration bookmarkInterval, Duration defaultTimeout) {
        this.cache = cache;
        this.reader = reader;
        this.bookmarkInterval = bookmarkInterval;
        this.defaultTimeout = defaultTimeout;
    }

    /** Renders a watched object's JSON as sent, e.g. as a one-row Table for kubectl. */
    @FunctionalInterface
    public interface ObjectRenderer {
        String render(String objectJson);
    }

    /** What a watch request asked for; {@code renderer} null sends objects as they are. */
    public record Request(ApiResource resource, @Nullable String namespace, WatchFilter filter, LabelSelector labels,
                          FieldSelector fields, @Nullable String resourceVersion, @Nullable Duration timeout,
                          boolean bookmarks, @Nullable ObjectRenderer renderer) {
    }

    /** Streams a watch in the body of this HTTP response; returns when the watch ends. */
    public void stream(Request request, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json");
        stream(request, new HttpWatchSink(response.getOutputStream()));
    }

    /**
     * Streams a watch into a sink; returns when the watch ends (its timeout, the client gone, the
     * watcher cut off). Validation errors are thrown before anything is sent.
     */
    void stream(Request request, WatchSink out) throws IOException {
        long deadline = System.nanoTime() + (request.timeout() == null ? defaultTimeout : request.timeout()).toNanos();
        long from = startVersion(request, out);
        WatchSubscription subscription;
        try {
            subscription = cache.subscribe(request.filter(), from);
        } catch (TooOldResourceVersionException e) {
            out.send("ERROR", KubernetesJson.write(ApiException.gone(e.getMessage()).status()));
            out.flush();
            return;
        }
        out.flush();
        try (subscription) {
            long nextBookmark = request.bookmarks() ? System.nanoTime() + bookmarkInterval.toNanos() : Long.MAX_VALUE;
            while (!subscription.isClosed()) {
                long now = System.nanoTime();
                if (now >= deadline) {
                    return;
                }
                WatchSubscription.Delivery delivery = subscription.poll(Duration.ofNanos(Math.min(deadline, nextBookmark) - now));
                if (delivery != null) {
                    out.send(delivery.type().name(), render(request, delivery.json()));
                    // Drain what is queued before flushing, so a burst costs one flush.
                    WatchSubscription.Delivery more;
                    while ((more = subscription.poll(Duration.ZERO)) != null) {
                        out.send(more.type().name(), render(request, more.json()));
                    }
                    out.flush();
                } else if (System.nanoTime() >= nextBookmark) {
                    out.send("BOOKMARK", bookmark(request.resource(), cache.settledVersion()));
                    out.flush();
                    nextBookmark = System.nanoTime() + bookmarkInterval.toNanos();
                }
            }
            if (subscription.overflowed()) {
                out.send("ERROR", KubernetesJson.write(ApiException.gone(
                        "the watch fell too far behind; list and watch again").status()));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The version to watch after. With none (or "0"), "get state and start at most recent": the
     * current objects go out as ADDED first, and the watch starts at the list's version.
     */
    private long startVersion(Request request, WatchSink out) throws IOException {
        String requested = request.resourceVersion();
        if (requested == null || requested.isEmpty() || requested.equals("0")) {
            ReadOperation.ListResult current = reader.list(request.resource(), request.namespace(), request.labels(),
                    request.fields(), 0, null);
            for (StoredObject object : current.items()) {
                out.send(WatchEventType.ADDED.name(), render(request, object.json()));
            }
            return current.resourceVersion();
        }
        try {
            return Long.parseLong(requested);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid resource version: " + requested);
        }
    }

    private static String render(Request request, String objectJson) {
        return request.renderer() == null ? objectJson : request.renderer().render(objectJson);
    }

    private static String bookmark(ApiResource resource, long version) {
        return "{\"kind\":\"" + resource.kind() + "\",\"apiVersion\":\"" + resource.apiVersion()
               + "\",\"metadata\":{\"resourceVersion\":\"" + version + "\"}}";
    }

}
