package io.kubeplane.apiserver.outbox;

import io.kubeplane.apiserver.config.ApiServerProperties;
import io.kubeplane.apiserver.storage.EventLog;
import io.kubeplane.apiserver.storage.ObjectStore;
import io.kubeplane.apiserver.watch.EventLogTailer;
import io.kubeplane.apiserver.watch.WatchCache;
import io.kubeplane.events.TopicNames;
import io.kubeplane.model.ApiResources;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires the outbox relay when {@code kubeplane.api-server.relay.enabled} (the default). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "kubeplane.api-server.relay.enabled", matchIfMissing = true)
public class RelayConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    KafkaRelay kafkaRelay(EventLog eventLog, ObjectStore store, WatchCache cache, EventLogTailer tailer,
                          JdbcTemplate jdbc, RelayTopicRepository topics, DataSourceProperties dataSource,
                          ApiServerProperties properties, ApiResources resources, MeterRegistry meters) {
        ApiServerProperties.Relay relay = properties.relay();
        String url = dataSource.determineUrl();
        String username = dataSource.determineUsername();
        String password = dataSource.determinePassword();
        KafkaRelay kafkaRelay = new KafkaRelay(eventLog, store, cache, new RelayPosition(jdbc), topics,
                new RelayLeadership(() -> DriverManager.getConnection(url, username, password)),
                () -> new KafkaProducer<>(producerConfig(relay), new StringSerializer(), new ByteArraySerializer()),
                () -> Admin.create(adminConfig(relay)), new TopicNames(relay.topicPrefix()), resources, relay.partitions(),
                relay.checkInterval(), properties.watch().windowSize(), meters);
        tailer.onSettled(version -> kafkaRelay.wake());
        return kafkaRelay;
    }

    static Map<String, Object> producerConfig(ApiServerProperties.Relay relay) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, relay.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, relay.clientId() == null ? "kubeplane-relay" : relay.clientId());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TopicNames.MAX_MESSAGE_BYTES);
        // A broker that is down must not block the relay thread for long: it backs off and retries.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        return config;
    }

    static Map<String, Object> adminConfig(ApiServerProperties.Relay relay) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, relay.bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, (relay.clientId() == null ? "kubeplane-relay" : relay.clientId()) + "-admin");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return config;
    }
}
