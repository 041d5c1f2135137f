package io.kubeplane.apiserver.gc;

import io.kubeplane.apiserver.watch.WatchCache;
import io.kubeplane.apiserver.watch.WatchFilter;
import io.kubeplane.apiserver.watch.WatchSubscription;
import io.kubeplane.events.WatchEventType;
import io.kubeplane.model.ApiResources;
import io.kubeplane.model.KubernetesJson;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the garbage collector and the namespace controller from the api-server's own watch cache,
 * as kube-controller-manager drives them from informers: each deletion of any object collects its
 * dependents, each namespace change finishes terminating namespaces, and every {@code resync} a
 * full pass (orphans, terminating namespaces) finishes work left over by a crash. It needs nothing
 * but the store, so collection goes on while Kafka is down. Every replica runs it; deleting what is
 * already gone is success. Runs on a virtual thread of its own.
 */
public final class CollectionLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CollectionLoop.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);

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
            while (running && !cache.awaitReady(Duration.ofSeconds(1))) {
                // the store is not reachable yet
            }
            while (running) {
                long from = cache.settledVersion();
                try (WatchSubscription deletions = cache.subscribe(allKinds(), from);
                     WatchSubscription namespaceChanges = cache.subscribe(namespacesOnly(), from)) {
                    fullPass();
                    long nextPass = System.nanoTime() + resync.toNanos();
                    while (running && !deletions.isClosed() && !namespaceChanges.isClosed()) {
                        boolean changed = drain(namespaceChanges) > 0;
                        WatchSubscription.Delivery event;
                        while ((event = deletions.poll(changed ? Duration.ZERO : IDLE_POLL)) != null) {
                            if (event.type() == WatchEventType.DELETED) {
                                ownerDeleted(event.json());
                                changed = true;
                            }
                        }
                        // A deletion may have emptied a terminating namespace.
                        if (changed) {
                            namespaces.reconcile();
                        }
                        if (System.nanoTime() >= nextPass) {
                            fullPass();
                            nextPass = System.nanoTime() + resync.toNanos();
                        }
                    }
                } catch (RuntimeException e) {
                    log.warn("collection loop failed, restarting in {}: {}", resync, e.toString());
                    Thread.sleep(resync);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int drain(WatchSubscription subscription) throws InterruptedException {
        int count = 0;
        while (subscription.poll(Duration.ZERO) != null) {
            count++;
        }
        return count;
    }

    private void ownerDeleted(String json) {
        String uid = KubernetesJson.JSON.readTree(json).path("metadata").path("uid").asString("");
        try {
            collector.ownerDeleted(UUID.fromString(uid));
        } catch (IllegalArgumentException notAUid) {
            // an object without a uid owns nothing
        } catch (RuntimeException e) {
            log.warn("collecting dependents of {} failed; the next full pass retries: {}", uid, e.toString());
        }
    }

    private void fullPass() {
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

    private static WatchFilter namespacesOnly() {
        return new AllObjects(ApiResources.NAMESPACES.groupResource());
    }

    private static WatchFilter allKinds() {
        return new AllObjects("*") {
            @Override
            public boolean watchesResource(String groupResource) {
                return true;
            }
        };
    }

    private static class AllObjects implements WatchFilter {
        private final String resource;

        AllObjects(String resource) {
            this.resource = resource;
        }

        @Override
        public String resource() {
            return resource;
        }

        @Override
        public boolean matches(String namespace, String name, Map<String, String> labels, Map<String, String> fields) {
            return true;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
