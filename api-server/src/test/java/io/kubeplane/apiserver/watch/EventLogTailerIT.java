package io.kubeplane.apiserver.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubeplane.apiserver.StoreFixture;
import io.kubeplane.apiserver.storage.ObjectKey;
import io.kubeplane.apiserver.storage.ObjectWrite;
import io.kubeplane.apiserver.storage.PostgresEventLog;
import io.kubeplane.apiserver.storage.PostgresObjectStore;
import io.kubeplane.events.WatchEventType;
import io.kubeplane.model.ApiResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The invariant of the cluster store: every committed write reaches watchers in resource-version
 * order with none skipped, even when writers commit out of the order in which they took their
 * versions. Objects here are Nodes (cluster-scoped), so no namespace is needed.
 */
class EventLogTailerIT {

    private StoreFixture fixture;
    private WatchCache cache;
    private EventLogTailer tailer;
    private PostgresObjectStore store;
    private TransactionTemplate transactions;

    @BeforeEach
    void start() {
        fixture = new StoreFixture();
        cache = new WatchCache(100_000, 100_000);
        tailer = new EventLogTailer(new PostgresEventLog(fixture.jdbc()), cache, Duration.ofMillis(5), 1000);
        store = new PostgresObjectStore(fixture.jdbc(), ApiResources.SERVED, tailer::wake);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(fixture.dataSource()));
        tailer.start();
        await().atMost(Duration.ofSeconds(10)).until(cache::isReady);
    }

    @AfterEach
    void stop() {
        tailer.close();
        fixture.close();
    }

    @Test
    void aWriteThatCommitsLateHoldsBackLaterVersionsUntilItCommits() throws Exception {
        WatchSubscription watch = cache.subscribe(allNodes(), cache.settledVersion());
        CountDownLatch firstWritten = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            // The first writer takes its version, then holds its transaction open.
            Future<Long> first = writers.submit(() -> transactions.execute(status -> {
                long version = store.create(nodeKey("early"), node("early"));
                firstWritten.countDown();
                awaitQuietly(commitFirst);
                return version;
            }));
            assertThat(firstWritten.await(10, TimeUnit.SECONDS)).isTrue();
            // The second writer takes a later version and commits first.
            long second = store.create(nodeKey("late"), node("late"));

            // Nothing may be delivered while the earlier version is unsettled.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> cache.settledVersion() < second);
            assertThat(watch.poll(Duration.ZERO)).isNull();

            commitFirst.countDown();
            long early = first.get(10, TimeUnit.SECONDS);
            assertThat(early).isLessThan(second);

            WatchSubscription.Delivery one = watch.poll(Duration.ofSeconds(5));
            WatchSubscription.Delivery two = watch.poll(Duration.ofSeconds(5));
            assertThat(one).isNotNull();
            assertThat(two).isNotNull();
            assertThat(List.of(one.resourceVersion(), two.resourceVersion())).containsExactly(early, second);
            assertThat(one.type()).isEqualTo(WatchEventType.ADDED);
        } finally {
            commitFirst.countDown();
            writers.shutdownNow();
        }
    }

    @Test
    void concurrentWritersWithRollbacksNeverMakeAWatcherMissOrReorderAnEvent() throws Exception {
        WatchSubscription watch = cache.subscribe(allNodes(), cache.settledVersion());
        int writers = 16;
        int perWriter = 60;
        List<Long> committed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                for (int n = 0; n < perWriter; n++) {
                    int i = n;
                    String name = "n-" + writer + "-" + i;
                    boolean rollBack = i % 7 == 3;
                    try {
                        transactions.executeWithoutResult(status -> {
                            long version = store.create(nodeKey(name), node(name));
                            // Hold some transactions open a little, so commits interleave out of order.
                            if (i % 3 == 0) {
                                busyWait(Duration.ofMillis(2 + writer % 4));
                            }
                            if (rollBack) {
                                status.setRollbackOnly();
                            } else {
                                committed.add(version);
                            }
                        });
                    } catch (RuntimeException e) {
                        throw new AssertionError(e);
                    }
                }
            }));
        }
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<Long> seen = new ArrayList<>();
        while (seen.size() < committed.size()) {
            WatchSubscription.Delivery delivery = watch.poll(Duration.ofSeconds(10));
            assertThat(delivery).as("event %d of %d", seen.size() + 1, committed.size()).isNotNull();
            seen.add(delivery.resourceVersion());
        }
        assertThat(seen).isSorted().containsExactlyInAnyOrderElementsOf(committed);
        assertThat(watch.poll(Duration.ofMillis(100))).isNull();
    }

    @Test
    void aWatchFromBeforeTheWindowIsTooOld() {
        WatchCache small = new WatchCache(100, 100);
        small.reset(50);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> small.subscribe(allNodes(), 10))
                .isInstanceOf(TooOldResourceVersionException.class)
                .hasMessage("too old resource version: 10 (51)");
    }

    private static WatchFilter allNodes() {
        return new WatchFilter() {
            @Override
            public String resource() {
                return "nodes";
            }

            @Override
            public boolean matches(String namespace, String name, Map<String, String> labels, Map<String, String> fields) {
                return true;
            }
        };
    }

    private static ObjectKey nodeKey(String name) {
        return new ObjectKey(ApiResources.NODES, "", name);
    }

    private static ObjectWrite node(String name) {
        UUID uid = UUID.randomUUID();
        return new ObjectWrite(uid, Map.of("kubernetes.io/hostname", name), Map.of("spec.unschedulable", ""), List.of(),
                "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"" + name + "\",\"uid\":\"" + uid + "\"}}");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps a transaction open without sleeping the thread away from the test's clock. */
    private static void busyWait(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}
