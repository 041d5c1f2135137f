package io.kubeplane.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubeplane.apiserver.outbox.KafkaRelay;
import io.kubeplane.events.EnvelopeCodec;
import io.kubeplane.events.WatchEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay against a real broker: every committed write reaches Kafka in resource-version
 * order; writes succeed while the broker is down and arrive once it is back; a topic the broker
 * lost is filled again with the current objects. Topics here have one partition, so the order of
 * the whole topic is the resource-version order.
 */
class RelayIT {

    private static ApiServerHarness server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = new ApiServerHarness();
        api = server.client();
        await().atMost(Duration.ofSeconds(30)).until(() -> server.context().getBean(KafkaRelay.class).isLeading());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void concurrentWritesReachKafkaInResourceVersionOrderWithNoneMissing() {
        String ns = namespace("order");
        List<Long> written = Collections.synchronizedList(new ArrayList<>());
        IntStream.range(0, 200).parallel().forEach(i -> written.add(Long.parseLong(
                api.post("/api/v1/namespaces/" + ns + "/services", ResourceVerbsIT.service("s-" + i, ""))
                        .json().at("/metadata/resourceVersion").asString())));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Long> seen = versionsOf(readTopic("kubeplane.services"), ns);
            assertThat(seen).isSorted().containsAll(written);
        });
    }

    @Test
    void writesSucceedWhileTheBrokerIsDownAndArriveWhenItIsBack() {
        String ns = namespace("outage");
        server.broker().stop();
        List<Long> written = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                ApiClient.Response created = api.post("/api/v1/namespaces/" + ns + "/services",
                        ResourceVerbsIT.service("during-" + i, ""));
                assertThat(created.status()).isEqualTo(201);
                written.add(Long.parseLong(created.json().at("/metadata/resourceVersion").asString()));
            }
        } finally {
            server.broker().start();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(versionsOf(readTopic("kubeplane.services"), ns)).isSorted().containsAll(written));
    }

    @Test
    void aTopicTheBrokerLostIsFilledAgainWithTheCurrentObjects() throws Exception {
        String ns = namespace("lost");
        for (int i = 0; i < 5; i++) {
            api.post("/api/v1/namespaces/" + ns + "/endpoints",
                    "{\"apiVersion\":\"v1\",\"kind\":\"Endpoints\",\"metadata\":{\"name\":\"ep-" + i + "\"}}");
        }
        api.delete("/api/v1/namespaces/" + ns + "/endpoints/ep-4");
        await().atMost(Duration.ofSeconds(30)).until(() -> keysIn(readTopic("kubeplane.endpoints"), ns).equals(
                Set.of(ns + "/ep-0", ns + "/ep-1", ns + "/ep-2", ns + "/ep-3")));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, server.broker().bootstrapServers()))) {
            admin.deleteTopics(List.of("kubeplane.endpoints")).all().get();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> records = readTopic("kubeplane.endpoints");
            assertThat(keysIn(records, ns)).containsExactlyInAnyOrder(
                    ns + "/ep-0", ns + "/ep-1", ns + "/ep-2", ns + "/ep-3");
        });
    }

    @Test
    void theApiServerStartsAndTakesWritesWhileKafkaIsDown() {
        try (ApiServerHarness down = new ApiServerHarness(false)) {
            ApiClient client = down.client();
            await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/readyz").status() == 200);
            ApiClient.Response created = client.post("/api/v1/namespaces/default/services", ResourceVerbsIT.service("early", ""));
            assertThat(created.status()).isEqualTo(201);
            long version = Long.parseLong(created.json().at("/metadata/resourceVersion").asString());

            down.broker().start();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    versionsOf(readTopic(down, "kubeplane.services"), "default")).contains(version));
        }
    }

    private static String namespace(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + name + "\"}}").status()).isEqualTo(201);
        return name;
    }

    private static List<Long> versionsOf(List<ConsumerRecord<String, byte[]>> records, String ns) {
        List<Long> versions = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() != null && record.key().startsWith(ns + "/")) {
                versions.add(EnvelopeCodec.decode(record.value()).resourceVersion());
            }
        }
        return versions;
    }

    private static Set<String> keysIn(List<ConsumerRecord<String, byte[]>> records, String ns) {
        Map<String, WatchEvent> last = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!record.key().startsWith(ns + "/")) {
                continue;
            }
            if (record.value() == null) {
                last.remove(record.key());
            } else {
                last.put(record.key(), EnvelopeCodec.decode(record.value()));
            }
        }
        Set<String> live = new HashSet<>();
        last.forEach((key, event) -> {
            if (event.type() != io.kubeplane.events.WatchEventType.DELETED) {
                live.add(key);
            }
        });
        return live;
    }

    private static List<ConsumerRecord<String, byte[]>> readTopic(String topic) {
        return readTopic(server, topic);
    }

    /** Reads a topic from the start up to its current end. */
    private static List<ConsumerRecord<String, byte[]>> readTopic(ApiServerHarness on, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, on.broker().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
