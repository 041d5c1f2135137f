package io.kubeplane.apiserver.outbox;

import io.kubeplane.events.TopicNames;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * What the broker holds: its cluster id, which topics exist, and how far each topic's log reaches
 * (the sum of its partitions' end offsets, which compaction never lowers). Creates missing topics
 * log-compacted. Used on the relay thread only.
 */
final class TopicInventory {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Admin admin;
    private final int partitions;

    TopicInventory(Admin admin, int partitions) {
        this.admin = admin;
        this.partitions = partitions;
    }

    String clusterId() throws KafkaUnavailable {
        return await(admin.describeCluster().clusterId());
    }

    /** Creates the topics that do not exist; returns the names of those it created. */
    Set<String> ensure(Collection<String> topics) throws KafkaUnavailable {
        Set<String> existing = await(admin.listTopics().names());
        List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                .map(t -> new NewTopic(t, partitions, (short) -1).configs(TopicNames.topicConfig())).toList();
        if (missing.isEmpty()) {
            return Set.of();
        }
        try {
            admin.createTopics(missing).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaUnavailable("creating topics failed", e.getCause());
            }
        } catch (TimeoutException e) {
            throw new KafkaUnavailable("creating topics timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailable("interrupted", e);
        }
        return Set.copyOf(missing.stream().map(NewTopic::name).toList());
    }

    /** The sum of end offsets of each topic's partitions. */
    Map<String, Long> endOffsets(Collection<String> topics) throws KafkaUnavailable {
        Map<String, TopicDescription> descriptions = await(admin.describeTopics(topics).allTopicNames());
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        descriptions.forEach((topic, description) -> description.partitions()
                .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = await(admin.listOffsets(request).all());
        Map<String, Long> sums = new HashMap<>();
        topics.forEach(t -> sums.put(t, 0L));
        offsets.forEach((partition, info) -> sums.merge(partition.topic(), info.offset(), Long::sum));
        return sums;
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) throws KafkaUnavailable {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaUnavailable("the broker refused", e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaUnavailable("the broker did not answer within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailable("interrupted", e);
        }
    }

    /** The broker could not be reached or refused; the relay retries later. */
    static final class KafkaUnavailable extends Exception {
        KafkaUnavailable(String message, Throwable cause) {
            super(message + ": " + cause, cause);
        }
    }
}
