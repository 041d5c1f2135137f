package io.kubeplane.informer;

import io.kubeplane.events.TopicNames;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link KafkaInformer} reads its topic.
 *
 * <p>Immutable and thread-safe; start from {@link #of(String)} and change copies with the
 * {@code with…} methods.
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}
 * @param topicPrefix      the topic prefix ({@link TopicNames}), {@code kubeplane} by default
 * @param clientId         Kafka {@code client.id} prefix; the topic name is appended
 * @param pollTimeout      the longest one poll of the topic blocks; also bounds how long
 *                         {@code stop()} waits for the reading thread to notice
 * @param checkInterval    how often the topic is checked for having been recreated, emptied,
 *                         truncated or repartitioned, or the cluster replaced
 * @param requestTimeout   the bound on every metadata and offset request
 * @param maxPollRecords   the most records one poll returns
 * @param deletionMemory   how many recent deletions are remembered, so that an older event arriving
 *                         late does not bring a deleted object back
 * @param clientProperties further Kafka client properties (security, for example), applied to the
 *                         consumer and the admin client; they override the informer's own
 */
public record InformerSettings(
        String bootstrapServers,
        String topicPrefix,
        String clientId,
        Duration pollTimeout,
        Duration checkInterval,
        Duration requestTimeout,
        int maxPollRecords,
        int deletionMemory,
        Map<String, String> clientProperties) {

    public InformerSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(clientId, "clientId");
        new TopicNames(topicPrefix); // validates the prefix
        requirePositive(pollTimeout, "pollTimeout");
        requirePositive(checkInterval, "checkInterval");
        requirePositive(requestTimeout, "requestTimeout");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be blank");
        }
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("maxPollRecords must be positive, was " + maxPollRecords);
        }
        if (deletionMemory < 0) {
            throw new IllegalArgumentException("deletionMemory must not be negative, was " + deletionMemory);
        }
        clientProperties = Map.copyOf(clientProperties);
    }

    /** Defaults: prefix {@code kubeplane}, 500 ms polls, checks every 5 s, 10 s requests. */
    public static InformerSettings of(String bootstrapServers) {
        return new InformerSettings(bootstrapServers, TopicNames.DEFAULT_PREFIX, "kubeplane-informer",
                Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(10), 2000, 10_000, Map.of());
    }

    public InformerSettings withBootstrapServers(String bootstrapServers) {
        return new InformerSettings(bootstrapServers, topicPrefix, clientId, pollTimeout, checkInterval,
                requestTimeout, maxPollRecords, deletionMemory, clientProperties);
    }

    public InformerSettings withTopicPrefix(String topicPrefix) {
        return new InformerSettings(bootstrapServers, topicPrefix, clientId, pollTimeout, checkInterval,
                requestTimeout, maxPollRecords, deletionMemory, clientProperties);
    }

    public InformerSettings withClientId(String clientId) {
        return new InformerSettings(bootstrapServers, topicPrefix, clientId, pollTimeout, checkInterval,
                requestTimeout, maxPollRecords, deletionMemory, clientProperties);
    }

    public InformerSettings withPollTimeout(Duration pollTimeout) {
        return new InformerSettings(bootstrapServers, topicPrefix, clientId, pollTimeout, checkInterval,
                requestTimeout, maxPollRecords, deletionMemory, clientProperties);
    }

    public InformerSettings withCheckInterval(Duration checkInterval) {
        return new InformerSettings(bootstrapServers, topicPrefix, clientId, pollTimeout, checkInterval,
                requestTimeout, maxPollRecords, deletionMemory, clientProperties);
    }

    public InformerSettings withRequestTimeout(Duration requestTimeout) {
        return new InformerSettings(bootstrapServers, topicPrefix, clientId, pollTimeout, checkInterval,
                requestTimeout, maxPollRecords, deletionMemory, clientProperties);
    }

    public InformerSettings withMaxPollRecords(int maxPollRecords) {
        return new InformerSettings(bootstrapServers, topicPrefix, clientId, pollTimeout, checkInterval,
                requestTimeout, maxPollRecords, deletionMemory, clientProperties);
    }

    public InformerSettings withDeletionMemory(int deletionMemory) {
        return new InformerSettings(bootstrapServers, topicPrefix, clientId, pollTimeout, checkInterval,
                requestTimeout, maxPollRecords, deletionMemory, clientProperties);
    }

    public InformerSettings withClientProperties(Map<String, String> clientProperties) {
        return new InformerSettings(bootstrapServers, topicPrefix, clientId, pollTimeout, checkInterval,
                requestTimeout, maxPollRecords, deletionMemory, clientProperties);
    }

    /** One more client property, replacing any earlier value of the same key. */
    public InformerSettings withClientProperty(String key, String value) {
        Map<String, String> properties = new LinkedHashMap<>(clientProperties);
        properties.put(key, value);
        return withClientProperties(properties);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
