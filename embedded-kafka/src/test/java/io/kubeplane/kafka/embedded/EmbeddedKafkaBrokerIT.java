package io.kubeplane.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

// Loopback only: the broker listens on free ports of 127.0.0.1.
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedKafkaBrokerIT {

    @TempDir
    Path dir;

    @Test
    void brokerServesProducersAndConsumers() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaSettings.of(dir))) {
            System.out.printf("embedded Kafka broker started in %d ms%n", broker.lastStartupTime().toMillis());

            createTopic(broker, "greetings");
            produce(broker, "greetings", List.of("a", "b", "c"));

            assertThat(consumeAll(broker, "greetings", 3)).containsExactly("a", "b", "c");
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
            assertThat(broker.clusterId()).isNotBlank();
        }
    }

    @Test
    void restartKeepsPortClusterIdAndData() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaSettings.of(dir))) {
            createTopic(broker, "kept");
            produce(broker, "kept", List.of("before"));
            String bootstrap = broker.bootstrapServers();
            String clusterId = broker.clusterId();

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            broker.start();
            System.out.printf("embedded Kafka broker restarted in %d ms%n", broker.lastStartupTime().toMillis());

            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(broker.clusterId()).isEqualTo(clusterId);
            produce(broker, "kept", List.of("after"));
            assertThat(consumeAll(broker, "kept", 2)).containsExactly("before", "after");
        }
    }

    @Test
    void aNewBrokerOnAnOldDirectoryFindsItsTopics() throws Exception {
        String clusterId;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaSettings.of(dir))) {
            createTopic(broker, "durable");
            produce(broker, "durable", List.of("x"));
            clusterId = broker.clusterId();
        }
        // A new port this time: only the directory carries over.
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaSettings.of(dir))) {
            assertThat(broker.clusterId()).isEqualTo(clusterId);
            assertThat(consumeAll(broker, "durable", 1)).containsExactly("x");
        }
    }

    @Test
    void topicsAreNotCreatedByAccident() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaSettings.of(dir));
             Admin admin = admin(broker);
             KafkaConsumer<String, String> consumer = consumer(broker)) {
            assertThat(consumer.partitionsFor("nobody-made-me", Duration.ofSeconds(5))).isEmpty();
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain("nobody-made-me");
        }
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static void createTopic(EmbeddedKafkaBroker broker, String topic) throws Exception {
        try (Admin admin = admin(broker)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void produce(EmbeddedKafkaBroker broker, String topic, List<String> values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000), new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value, value)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedKafkaBroker broker) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
    }

    private static List<String> consumeAll(EmbeddedKafkaBroker broker, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(broker)) {
            consumer.assign(Set.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
        }
        return values;
    }
}
