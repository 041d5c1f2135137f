package io.kubeplane.informer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.kubeplane.events.EnvelopeCodec;
import io.kubeplane.events.EventKeys;
import io.kubeplane.events.TopicNames;
import io.kubeplane.events.WatchEvent;
import io.kubeplane.events.WatchEventType;
import io.kubeplane.kafka.embedded.EmbeddedKafkaBroker;
import io.kubeplane.kafka.embedded.EmbeddedKafkaSettings;
import io.kubeplane.model.ApiResources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * KafkaInformer against a real broker (embedded KRaft, loopback, free ports). Each test writes
 * its own topic prefix; ClusterIPs are drawn from 10.96.0.0/12.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KafkaInformerIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    @TempDir
    static Path sharedDir;
    static EmbeddedKafkaBroker shared;

    @TempDir
    Path ownDir;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Recorder recorder = new Recorder();
    private final String prefix = "it" + PREFIXES.incrementAndGet();
    private final String topic = new TopicNames(prefix).topic(ApiResources.SERVICES);

    @BeforeAll
    static void startBroker() {
        shared = EmbeddedKafkaBroker.start(EmbeddedKafkaSettings.of(sharedDir));
    }

    @AfterAll
    static void stopBroker() {
        shared.close();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables.reversed()) {
            closeable.close();
        }
    }

    @Test
    void syncsIndexesAndDispatchesWhatTheTopicHolds() throws Exception {
        createTopic(shared, 3);
        Writer writer = writer(shared);
        for (int i = 0; i < 20; i++) {
            writer.send(WatchEventType.ADDED, service(i % 2 == 0 ? "default" : "prod", "svc-" + i, 100 + i, i % 3 == 0 ? "web" : "db"));
        }
        writer.send(WatchEventType.MODIFIED, service("default", "svc-0", 200, "api"));
        writer.send(WatchEventType.DELETED, service("prod", "svc-1", 201, "db"));
        writer.flush();

        KafkaInformer<Service> informer = informer(shared);
        informer.addIndexer("clusterIP", s -> List.of(s.getSpec().getClusterIP()));
        informer.addEventHandler(recorder);
        informer.start();

        assertThat(informer.awaitSynced(WAIT)).isTrue();
        Indexer<Service> store = informer.store();
        assertThat(store.size()).isEqualTo(19);
        assertThat(store.get("default", "svc-0").getMetadata().getLabels()).containsEntry("app", "api");
        assertThat(store.get("prod", "svc-1")).isNull();
        assertThat(store.indexKeys(Indexers.NAMESPACE, "default")).hasSize(10);
        assertThat(store.indexKeys(Indexers.LABELS, "app=web")).containsExactlyInAnyOrder(
                "prod/svc-3", "default/svc-6", "prod/svc-9", "default/svc-12", "prod/svc-15", "default/svc-18");
        assertThat(store.indexKeys("clusterIP", "10.96.0.105")).containsExactly("prod/svc-5");
        await().atMost(WAIT).until(() -> recorder.events.size() == 19);
        assertThat(recorder.events).allMatch(e -> e.startsWith("add "));

        // Live: an update, a redelivered older event (dropped), a deletion, a tombstone.
        writer.send(WatchEventType.MODIFIED, service("prod", "svc-3", 300, "web"));
        writer.send(WatchEventType.MODIFIED, service("prod", "svc-3", 103, "web"));
        writer.send(WatchEventType.DELETED, service("default", "svc-2", 301, "db"));
        writer.tombstone("default/svc-4");
        writer.flush();

        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.events.subList(19, recorder.events.size()))
                .containsExactlyInAnyOrder("update prod/svc-3@103->300", "delete default/svc-2@301", "delete default/svc-4@104"));
        assertThat(store.size()).isEqualTo(17);
        assertThat(store.get("prod", "svc-3").getMetadata().getResourceVersion()).isEqualTo("300");
    }

    @Test
    void aTopicThatDoesNotExistYetIsEmptyAndSyncedAtOnce() throws Exception {
        KafkaInformer<Service> informer = informer(shared);
        informer.addEventHandler(recorder);
        informer.start();

        assertThat(informer.awaitSynced(WAIT)).isTrue();
        assertThat(informer.store().list()).isEmpty();

        createTopic(shared, 1);
        Writer writer = writer(shared);
        writer.send(WatchEventType.ADDED, service("default", "late", 5, "web"));
        writer.flush();

        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.events).containsExactly("add default/late@5"));
        assertThat(informer.store().get("default", "late")).isNotNull();
    }

    @Test
    void aBrokerRestartMidStreamIsSeamless() throws Exception {
        EmbeddedKafkaBroker broker = ownBroker(ownDir);
        createTopic(broker, 2);
        Writer writer = writer(broker);
        for (int i = 0; i < 10; i++) {
            writer.send(WatchEventType.ADDED, service("default", "svc-" + i, 10 + i, "web"));
        }
        writer.flush();
        KafkaInformer<Service> informer = informer(broker);
        informer.addEventHandler(recorder);
        informer.start();
        assertThat(informer.awaitSynced(WAIT)).isTrue();
        await().atMost(WAIT).until(() -> recorder.events.size() == 10);

        broker.stop();
        // Down: the cache keeps serving, synced.
        assertThat(informer.hasSynced()).isTrue();
        assertThat(informer.store().size()).isEqualTo(10);
        broker.start();

        Writer again = writer(broker);
        again.send(WatchEventType.MODIFIED, service("default", "svc-0", 100, "api"));
        again.send(WatchEventType.ADDED, service("default", "svc-10", 101, "web"));
        again.flush();

        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.events.subList(10, recorder.events.size()))
                .containsExactlyInAnyOrder("update default/svc-0@10->100", "add default/svc-10@101"));
        assertThat(informer.store().size()).isEqualTo(11);
    }

    @Test
    void aRecreatedTopicWithFewerObjectsTurnsIntoDeletes() throws Exception {
        createTopic(shared, 1);
        Writer writer = writer(shared);
        for (int i = 0; i < 10; i++) {
            writer.send(WatchEventType.ADDED, service("default", "svc-" + i, 10 + i, "web"));
        }
        writer.flush();
        KafkaInformer<Service> informer = informer(shared);
        informer.addEventHandler(recorder);
        informer.start();
        assertThat(informer.awaitSynced(WAIT)).isTrue();
        await().atMost(WAIT).until(() -> recorder.events.size() == 10);

        try (Admin admin = admin(shared)) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            await().atMost(WAIT).ignoreExceptions().until(() -> {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(TopicNames.topicConfig())))
                        .all().get(30, TimeUnit.SECONDS);
                return true;
            });
        }
        Writer fresh = writer(shared);
        for (int i = 0; i < 4; i++) {
            fresh.send(WatchEventType.ADDED, service("default", "svc-" + i, 10 + i, "web"));
        }
        fresh.flush();

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(informer.store().listKeys()).containsExactlyInAnyOrder("default/svc-0", "default/svc-1", "default/svc-2", "default/svc-3"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.events).contains(
                "delete default/svc-4@14", "delete default/svc-5@15", "delete default/svc-6@16",
                "delete default/svc-7@17", "delete default/svc-8@18", "delete default/svc-9@19"));
        assertThat(informer.hasSynced()).isTrue();
    }

    @Test
    void aDeletedTopicEmptiesTheCache() throws Exception {
        createTopic(shared, 2);
        Writer writer = writer(shared);
        for (int i = 0; i < 5; i++) {
            writer.send(WatchEventType.ADDED, service("default", "svc-" + i, 10 + i, "web"));
        }
        writer.flush();
        KafkaInformer<Service> informer = informer(shared);
        informer.addEventHandler(recorder);
        informer.start();
        assertThat(informer.awaitSynced(WAIT)).isTrue();

        try (Admin admin = admin(shared)) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }

        await().atMost(WAIT).until(() -> informer.store().size() == 0);
        await().atMost(WAIT).until(() -> recorder.events.stream().filter(e -> e.startsWith("delete ")).count() == 5);
        assertThat(informer.hasSynced()).isTrue();
    }

    @Test
    void deletingRecordsFromTheTopicEmptiesTheCache() throws Exception {
        // Kafka refuses DeleteRecords on a compact-only topic; a topic someone created with
        // compact,delete can lose records this way (or by retention).
        createTopic(shared, 1, Map.of("cleanup.policy", "compact,delete"));
        Writer writer = writer(shared);
        for (int i = 0; i < 5; i++) {
            writer.send(WatchEventType.ADDED, service("default", "svc-" + i, 10 + i, "web"));
        }
        writer.flush();
        KafkaInformer<Service> informer = informer(shared);
        informer.addEventHandler(recorder);
        informer.start();
        assertThat(informer.awaitSynced(WAIT)).isTrue();

        try (Admin admin = admin(shared)) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(5))).all().get(30, TimeUnit.SECONDS);
        }

        await().atMost(WAIT).until(() -> informer.store().size() == 0);
        await().atMost(WAIT).until(() -> recorder.events.stream().filter(e -> e.startsWith("delete ")).count() == 5);
    }

    @Test
    void partitionsAddedLaterAreReadToo() throws Exception {
        createTopic(shared, 1);
        Writer writer = writer(shared);
        for (int i = 0; i < 5; i++) {
            writer.send(WatchEventType.ADDED, service("default", "svc-" + i, 10 + i, "web"));
        }
        writer.flush();
        KafkaInformer<Service> informer = informer(shared);
        informer.addEventHandler(recorder);
        informer.start();
        assertThat(informer.awaitSynced(WAIT)).isTrue();

        try (Admin admin = admin(shared)) {
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(4))).all().get(30, TimeUnit.SECONDS);
        }
        // Twenty keys: some land in the new partitions, which the informer must start reading.
        Writer again = writer(shared);
        for (int i = 5; i < 25; i++) {
            again.send(WatchEventType.ADDED, service("default", "svc-" + i, 10 + i, "web"));
        }
        again.flush();

        await().atMost(WAIT).until(() -> informer.store().size() == 25);
        await().atMost(WAIT).until(() -> recorder.events.size() == 25);
        assertThat(recorder.events).allMatch(e -> e.startsWith("add "));
    }

    @Test
    void aReplacedClusterIsReadAgain() throws Exception {
        EmbeddedKafkaBroker first = ownBroker(ownDir.resolve("first"));
        createTopic(first, 1);
        Writer writer = writer(first);
        for (int i = 0; i < 5; i++) {
            writer.send(WatchEventType.ADDED, service("default", "svc-" + i, 10 + i, "web"));
        }
        writer.flush();
        KafkaInformer<Service> informer = informer(first);
        informer.addEventHandler(recorder);
        informer.start();
        assertThat(informer.awaitSynced(WAIT)).isTrue();

        // A wiped cluster on the same address, with fewer objects and versions from the start again.
        int port = Integer.parseInt(first.bootstrapServers().substring(first.bootstrapServers().lastIndexOf(':') + 1));
        first.stop();
        EmbeddedKafkaBroker second = ownBroker(EmbeddedKafkaSettings.of(ownDir.resolve("second")).withPort(port));
        createTopic(second, 1);
        Writer other = writer(second);
        other.send(WatchEventType.ADDED, service("default", "svc-0", 1, "other"));
        other.flush();

        await().atMost(WAIT).untilAsserted(() -> assertThat(informer.store().listKeys()).containsExactly("default/svc-0"));
        assertThat(informer.store().get("default", "svc-0").getMetadata().getLabels()).containsEntry("app", "other");
        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.events).contains(
                "update default/svc-0@10->1", "delete default/svc-1@11", "delete default/svc-4@14"));
        assertThat(informer.hasSynced()).isTrue();
    }

    @Test
    void tenThousandObjectsSyncInBoundedTime() throws Exception {
        int count = 10_000;
        createTopic(shared, 3);
        Writer writer = writer(shared);
        for (int i = 0; i < count; i++) {
            writer.send(WatchEventType.ADDED, service("ns-" + (i % 50), "svc-" + i, 1 + i, "app-" + (i % 100)));
        }
        writer.flush();

        long begin = System.nanoTime();
        KafkaInformer<Service> informer = informer(shared);
        informer.start();
        assertThat(informer.awaitSynced(Duration.ofSeconds(60))).isTrue();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        System.out.printf("KafkaInformer synced %d objects in %d ms%n", count, millis);

        assertThat(informer.store().size()).isEqualTo(count);
        assertThat(informer.store().indexKeys(Indexers.NAMESPACE, "ns-7")).hasSize(count / 50);
        assertThat(informer.store().indexKeys(Indexers.LABELS, "app=app-42")).hasSize(count / 100);
        assertThat(millis).isLessThan(30_000);
    }

    // --- fixtures -------------------------------------------------------------------------

    private EmbeddedKafkaBroker ownBroker(Path dir) {
        return ownBroker(EmbeddedKafkaSettings.of(dir));
    }

    private EmbeddedKafkaBroker ownBroker(EmbeddedKafkaSettings settings) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings);
        closeables.add(broker);
        return broker;
    }

    private KafkaInformer<Service> informer(EmbeddedKafkaBroker broker) {
        InformerSettings settings = InformerSettings.of(broker.bootstrapServers())
                .withTopicPrefix(prefix)
                .withPollTimeout(Duration.ofMillis(200))
                .withCheckInterval(Duration.ofMillis(500))
                .withRequestTimeout(Duration.ofSeconds(5));
        KafkaInformer<Service> informer = new KafkaInformer<>(ApiResources.SERVICES, Service.class, settings);
        closeables.add(informer);
        return informer;
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    private void createTopic(EmbeddedKafkaBroker broker, int partitions) throws Exception {
        createTopic(broker, partitions, TopicNames.topicConfig());
    }

    private void createTopic(EmbeddedKafkaBroker broker, int partitions, Map<String, String> config) throws Exception {
        try (Admin admin = admin(broker)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(config)))
                    .all().get(30, TimeUnit.SECONDS);
            await().atMost(WAIT).ignoreExceptions().until(() -> admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(5, TimeUnit.SECONDS).get(topic).partitions().stream().allMatch(p -> p.leader() != null));
        }
    }

    private Writer writer(EmbeddedKafkaBroker broker) {
        // One request in flight: a batch that fails with NOT_LEADER_OR_FOLLOWER on a partition
        // created a moment ago is retried before later batches go out, keeping the sequence intact.
        Writer writer = new Writer(new KafkaProducer<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "max.block.ms", 30_000,
                "delivery.timeout.ms", 30_000,
                "request.timeout.ms", 10_000,
                "max.in.flight.requests.per.connection", 1,
                "linger.ms", 5), new StringSerializer(), new ByteArraySerializer()), topic, new CopyOnWriteArrayList<>());
        closeables.add(writer);
        return writer;
    }

    /** Publishes envelopes the way the outbox relay does: keyed namespace/name. */
    private record Writer(KafkaProducer<String, byte[]> producer, String topic, List<Exception> failures) implements AutoCloseable {

        void send(WatchEventType type, Service service) {
            send(EventKeys.key(service), EnvelopeCodec.encode(WatchEvent.of(type, service)));
        }

        void tombstone(String key) {
            send(key, null);
        }

        private void send(String key, byte @Nullable [] value) {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, e) -> {
                if (e != null) {
                    failures.add(e);
                }
            });
        }

        /** Waits for every send so far, failing if any did. */
        void flush() {
            producer.flush();
            assertThat(failures).as("failed sends").isEmpty();
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private static Service service(String namespace, String name, long resourceVersion, String app) {
        return new ServiceBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withResourceVersion(Long.toString(resourceVersion))
                .addToLabels("app", app).endMetadata()
                .withNewSpec().withClusterIP("10.96." + (resourceVersion / 250 % 256) + "." + (resourceVersion % 250))
                .addNewPort().withPort(80).endPort().endSpec()
                .build();
    }

    /** Records every call as text. */
    static final class Recorder implements ResourceEventHandler<Service> {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onAdd(Service obj) {
            events.add("add " + id(obj));
        }

        @Override
        public void onUpdate(Service oldObj, Service newObj) {
            events.add("update " + id(oldObj) + "->" + newObj.getMetadata().getResourceVersion());
        }

        @Override
        public void onDelete(Service obj) {
            events.add("delete " + id(obj));
        }

        private static String id(Service s) {
            return s.getMetadata().getNamespace() + "/" + s.getMetadata().getName() + "@" + s.getMetadata().getResourceVersion();
        }
    }
}
