package io.kubeplane.apiserver.gc;

import io.kubeplane.apiserver.watch.WatchCache;
import io.kubeplane.apiserver.watch.WatchFilter;
import io.kubeplane.apiserver.watch.WatchSubscription;
import io.kubeplane.model.ApiResources;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the namespace controller and the garbage collector's sweep: at once whenever a namespace
 * changes (a deletion marks it terminating), and every {@code resync} anyway, so work left over by a
 * crash or a lost event is finished. Runs on a virtual thread of its own.
 */
public final class CollectionLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CollectionLoop.class);

    private final WatchCache cache;
    private final NamespaceController namespaces;
    private final GarbageCollector collector;
    private final Duration resync;
    private final Thread thread;
    private volatile boolean running = true;

    public CollectionLoop(WatchCache cache, NamespaceController namespaces, GarbageCollector collector, Duration resync) {
        this.cache = cache;
        this.namespaces = namespaces;
        this.collector = collector;
        this.resync = resync;
        this.thread = Thread.ofVirtual().name("collection-loop").unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try {
            if (!cache.awaitReady(Duration.ofMinutes(10))) {
                log.warn("the watch cache never became ready; collection loop not started");
                return;
            }
            while (running) {
                try (WatchSubscription changes = cache.subscribe(namespaceChanges(), cache.settledVersion())) {
                    long nextResync = 0;
                    while (running && !changes.isClosed()) {
                        if (System.nanoTime() >= nextResync) {
                            collect();
                            nextResync = System.nanoTime() + resync.toNanos();
                        }
                        if (changes.poll(resync) != null) {
                            while (changes.poll(Duration.ZERO) != null) {
                                // one pass handles a burst of changes
                            }
                            collect();
                        }
                    }
                } catch (RuntimeException e) {
                    log.warn("collection loop failed, restarting: {}", e.toString());
                    Thread.sleep(resync);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void collect() {
        try {
            int removedNamespaces = namespaces.reconcile();
            int orphans = collector.sweep();
            if (orphans > 0 || removedNamespaces > 0) {
                log.info("collected {} orphaned objects, finished {} namespace deletions", orphans, removedNamespaces);
            }
        } catch (RuntimeException e) {
            log.warn("collection pass failed: {}", e.toString());
        }
    }

    private static WatchFilter namespaceChanges() {
        return new WatchFilter() {
            @Override
            public String resource() {
                return ApiResources.NAMESPACES.groupResource();
            }

            @Override
            public boolean matches(String namespace, String name, Map<String, String> labels, Map<String, String> fields) {
                return true;
            }
        };
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
