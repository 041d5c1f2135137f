package io.kubeplane.informer.impl;

import static io.kubeplane.events.WatchEventType.ADDED;
import static io.kubeplane.events.WatchEventType.DELETED;
import static io.kubeplane.events.WatchEventType.MODIFIED;
import static io.kubeplane.informer.impl.TestObjects.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Service;
import io.kubeplane.events.EnvelopeCodec;
import io.kubeplane.events.WatchEvent;
import io.kubeplane.informer.Indexers;
import io.kubeplane.informer.ResourceEventHandler;
import io.kubeplane.model.KubernetesJson;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The informer engine driven by a hand-written source: no broker, no network. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventSourceInformerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FakeEventSource source = new FakeEventSource();
    private final EventSourceInformer<Service> informer =
            new EventSourceInformer<>("test", Service.class, source, 100, Duration.ofMillis(50));
    private final Recorder recorder = new Recorder();

    @AfterEach
    void stop() {
        informer.stop();
    }

    @Test
    void notSyncedUntilTheSourceCaughtUpThenEverythingArrivesAsAdds() {
        informer.addEventHandler(recorder);
        informer.start();

        source.send(false, source.event(ADDED, 1, service("default/a", 1)));
        await().atMost(WAIT).until(() -> source.polls() >= 3);
        assertThat(informer.hasSynced()).isFalse();
        assertThat(informer.store().list()).isEmpty();
        assertThat(recorder.events).isEmpty();

        source.send(true, source.event(ADDED, 2, service("default/b", 2)));

        assertThat(informer.awaitSynced(WAIT)).isTrue();
        assertThat(informer.store().listKeys()).containsExactlyInAnyOrder("default/a", "default/b");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(recorder.events).containsExactlyInAnyOrder("add default/a@1", "add default/b@2"));
    }

    @Test
    void theTransformShapesWhatIsCachedAndCannotBeSetAfterTheStart() {
        informer.setTransform(s -> {
            s.getMetadata().setLabels(java.util.Map.of("trimmed", "yes"));
            return s;
        });
        informer.start();
        source.send(true, source.event(ADDED, 1, service("default/a", 1)));
        assertThat(informer.awaitSynced(WAIT)).isTrue();
        assertThat(informer.store().getByKey("default/a").getMetadata().getLabels()).containsExactly(java.util.Map.entry("trimmed", "yes"));
        assertThatThrownBy(() -> informer.setTransform(s -> s)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEmptyStreamIsSyncedAtOnce() {
        informer.start();
        source.send(true);

        assertThat(informer.awaitSynced(WAIT)).isTrue();
        assertThat(informer.store().list()).isEmpty();
    }

    @Test
    void awaitSyncedGivesUpAfterItsTimeout() {
        informer.start();

        assertThat(informer.awaitSynced(Duration.ofMillis(100))).isFalse();
    }

    @Test
    void liveEventsReachHandlersInOrderWithoutStaleOrDuplicateOnes() {
        informer.addEventHandler(recorder);
        synced();

        source.send(false,
                source.event(ADDED, 10, service("default/web", 10)),
                source.event(MODIFIED, 11, service("default/web", 11)),
                source.event(MODIFIED, 11, service("default/web", 11)), // duplicate
                source.event(MODIFIED, 10, service("default/web", 10)), // stale
                source.event(ADDED, 12, service("default/db", 12)));
        source.send(false,
                source.event(DELETED, 13, service("default/web", 13)),
                source.event(MODIFIED, 11, service("default/web", 11)), // late, must not resurrect
                source.tombstone("default/db"),
                source.tombstone("default/never-there"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.events).containsExactly(
                "add default/web@10", "update default/web@10->11", "add default/db@12",
                "delete default/web@13", "delete default/db@12"));
        assertThat(informer.store().list()).isEmpty();
    }

    @Test
    void handlersRunOnTheDispatcherThreadNotTheReadingThread() {
        informer.addEventHandler(recorder);
        synced();

        source.send(false, source.event(ADDED, 1, service("default/web", 1)));

        await().atMost(WAIT).until(() -> !recorder.threads.isEmpty());
        assertThat(recorder.threads).containsOnly("informer-test-dispatcher");
    }

    @Test
    void aThrowingHandlerNeitherStopsTheInformerNorOtherHandlers() {
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Service obj) {
                throw new IllegalStateException("handler bug");
            }

            @Override
            public void onUpdate(Service oldObj, Service newObj) {
                throw new AssertionError("handler bug");
            }

            @Override
            public void onDelete(Service obj) {
                throw new IllegalStateException("handler bug");
            }
        });
        informer.addEventHandler(recorder);
        synced();

        source.send(false, source.event(ADDED, 1, service("default/web", 1)));
        source.send(false, source.event(MODIFIED, 2, service("default/web", 2)));
        source.send(false, source.event(DELETED, 3, service("default/web", 3)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.events)
                .containsExactly("add default/web@1", "update default/web@1->2", "delete default/web@3"));
    }

    @Test
    void aBlockedHandlerDoesNotHoldUpTheCache() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        informer.addEventHandler(new Recorder() {
            @Override
            public void onAdd(Service obj) {
                try {
                    release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        informer.addEventHandler(recorder);
        synced();

        source.send(false, source.event(ADDED, 1, service("default/a", 1)));
        source.send(false, source.event(ADDED, 2, service("default/b", 2)));

        await().atMost(WAIT).until(() -> informer.store().size() == 2);
        assertThat(recorder.events).isEmpty();
        release.countDown();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(recorder.events).containsExactly("add default/a@1", "add default/b@2"));
    }

    @Test
    void aHandlerAddedLaterFirstGetsWhatIsCached() {
        informer.start();
        source.send(true, source.event(ADDED, 1, service("default/a", 1)), source.event(ADDED, 2, service("default/b", 2)));
        assertThat(informer.awaitSynced(WAIT)).isTrue();

        informer.addEventHandler(recorder);
        source.send(true, source.event(MODIFIED, 3, service("default/a", 3)));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(recorder.events).hasSize(3);
            assertThat(recorder.events.subList(0, 2)).containsExactlyInAnyOrder("add default/a@1", "add default/b@2");
            assertThat(recorder.events.get(2)).isEqualTo("update default/a@1->3");
        });
    }

    @Test
    void aResetRebuildsInTheBackgroundThenReportsTheDifferences() {
        informer.addEventHandler(recorder);
        informer.start();
        source.send(true,
                source.event(ADDED, 1, service("default/kept", 1)),
                source.event(ADDED, 2, service("default/changed", 2)),
                source.event(ADDED, 3, service("default/gone", 3)));
        await().atMost(WAIT).until(() -> recorder.events.size() == 3);

        // The topic was recreated with different contents; the first part is read...
        source.reset(false, source.event(ADDED, 1, service("default/kept", 1)), source.event(ADDED, 5, service("default/changed", 5)));
        await().atMost(WAIT).until(() -> source.polls() > 10);
        // ...while readers still see the old cache, synced.
        assertThat(informer.hasSynced()).isTrue();
        assertThat(informer.store().listKeys()).containsExactlyInAnyOrder("default/kept", "default/changed", "default/gone");
        assertThat(informer.store().get("default", "changed").getMetadata().getResourceVersion()).isEqualTo("2");

        source.send(true, source.event(ADDED, 6, service("default/new", 6)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.events.subList(3, recorder.events.size()))
                .containsExactlyInAnyOrder("update default/changed@2->5", "delete default/gone@3", "add default/new@6"));
        assertThat(informer.store().listKeys()).containsExactlyInAnyOrder("default/kept", "default/changed", "default/new");
        // A reset starts from a clean slate: versions older than before the reset are accepted.
        source.send(true, source.event(MODIFIED, 7, service("default/kept", 7)));
        await().atMost(WAIT).until(() -> "7".equals(informer.store().get("default", "kept").getMetadata().getResourceVersion()));
    }

    @Test
    void aResetToAnEmptyStreamDeletesEverything() {
        informer.addEventHandler(recorder);
        informer.start();
        source.send(true, source.event(ADDED, 1, service("default/a", 1)));
        await().atMost(WAIT).until(() -> recorder.events.size() == 1);

        source.reset(true);

        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.events).containsExactly("add default/a@1", "delete default/a@1"));
        assertThat(informer.hasSynced()).isTrue();
    }

    @Test
    void unreadableRecordsAreSkipped() {
        informer.addEventHandler(recorder);
        synced();
        byte[] wrongKey = EnvelopeCodec.encode(new WatchEvent(ADDED, 2, KubernetesJson.write(service("default/other", 2))));

        source.send(false,
                source.garbage("default/a"),
                new SourceRecord("default/not-other", wrongKey, "fake"),
                source.event(ADDED, 3, service("default/b", 3)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.events).containsExactly("add default/b@3"));
        assertThat(informer.store().listKeys()).containsExactly("default/b");
    }

    @Test
    void aFailingSourceIsRetried() {
        informer.addEventHandler(recorder);
        synced();

        source.fail().fail();
        source.send(false, source.event(ADDED, 1, service("default/a", 1)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.events).containsExactly("add default/a@1"));
    }

    @Test
    void customIndexesAnswerFromTheStore() {
        informer.addIndexer("clusterIP", s -> List.of(s.getSpec().getClusterIP()));
        informer.start();
        source.send(true, source.event(ADDED, 1, service("default/a", 1, "app=web")), source.event(ADDED, 2, service("prod/b", 2)));
        assertThat(informer.awaitSynced(WAIT)).isTrue();

        assertThat(informer.store().indexKeys("clusterIP", "10.96.0.3")).containsExactly("prod/b");
        assertThat(informer.store().indexKeys(Indexers.LABELS, "app=web")).containsExactly("default/a");
        assertThat(informer.store().indexKeys(Indexers.NAMESPACE, "prod")).containsExactly("prod/b");
    }

    @Test
    void stopClosesTheSourceAndIsFinal() {
        synced();

        informer.stop();

        assertThat(source.closed()).isTrue();
        assertThatThrownBy(informer::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theStoreCannotBeCastToSomethingWritable() {
        assertThat(informer.store()).isNotInstanceOf(ObjectCache.class);
    }

    private void synced() {
        informer.start();
        source.send(true);
        assertThat(informer.awaitSynced(WAIT)).isTrue();
    }

    /** Records every call as text, and the thread it came on. */
    static class Recorder implements ResourceEventHandler<Service> {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void onAdd(Service obj) {
            record("add " + id(obj));
        }

        @Override
        public void onUpdate(Service oldObj, Service newObj) {
            record("update " + id(oldObj) + "->" + newObj.getMetadata().getResourceVersion());
        }

        @Override
        public void onDelete(Service obj) {
            record("delete " + id(obj));
        }

        private void record(String event) {
            events.add(event);
            threads.add(Thread.currentThread().getName());
        }

        private static String id(Service s) {
            return s.getMetadata().getNamespace() + "/" + s.getMetadata().getName() + "@" + s.getMetadata().getResourceVersion();
        }
    }
}
