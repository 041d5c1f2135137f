package io.kubeplane.informer.impl;

import io.kubeplane.informer.InformerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one log-compacted topic as a table: a plain consumer, no group, every partition assigned by
 * hand and read from the beginning.
 *
 * <p>Besides reading, it checks every {@code checkInterval} that the topic still continues what it
 * has read, and starts a new generation (reading from the beginning again) when it does not:
 * <ul>
 *   <li>a different cluster id answers (the broker was replaced or wiped);</li>
 *   <li>the topic id changed (deleted and recreated), the topic appeared, or it is gone
 *       (two checks in a row, so that a broker still loading its metadata is not taken for an
 *       empty topic);</li>
 *   <li>the partition count changed;</li>
 *   <li>a partition's log start offset moved up (records deleted) or its end offset fell below
 *       the position (truncated), or a fetch was out of range.</li>
 * </ul>
 * A topic that does not exist is an empty table, caught up at once.
 *
 * <p>Not thread-safe, as {@link EventSource} says: one reading thread, plus {@link #wakeup()}.
 * The Kafka clients are created on the first poll, on the reading thread.
 */
public final class KafkaEventSource implements EventSource {

    private static final Logger log = LoggerFactory.getLogger(KafkaEventSource.class);

    /** Consecutive checks that must find the topic gone before it counts as deleted. */
    private static final int MISSING_CHECKS_FOR_DELETION = 2;
    /** The longest wait before a check confirms that the topic is gone. */
    private static final Duration CONFIRM_DELAY = Duration.ofSeconds(1);

    private final String topic;
    private final InformerSettings settings;
    private final Semaphore wakeups = new Semaphore(0);

    private @Nullable Consumer<String, byte[]> consumer;
    private @Nullable Admin admin;

    private long generation;
    private @Nullable Generation current;
    /** Whether the current generation has caught up; once true it stays true. */
    private boolean caughtUp;
    private @Nullable String restartReason = "first read";
    private long nextCheckNanos;
    private int missingChecks;
    /** Partitions paused because the topic seems gone; fetching a deleted topic spins. */
    private boolean paused;
    private boolean checkFailing;

    /** What a generation began with. */
    private record Generation(String clusterId, @Nullable Uuid topicId, List<TopicPartition> partitions,
                              Map<TopicPartition, Long> startOffsets, Map<TopicPartition, Long> endOffsets) {
    }

    public KafkaEventSource(String topic, InformerSettings settings) {
        this.topic = topic;
        this.settings = settings;
    }

    @Override
    public SourceBatch poll(Duration timeout) {
        if (restartReason == null && System.nanoTime() - nextCheckNanos >= 0) {
            check();
        }
        if (restartReason != null) {
            begin(restartReason);
        }
        Generation gen = current();
        if (gen.partitions().isEmpty()) {
            idle(timeout);
            return SourceBatch.empty(generation, true);
        }
        ConsumerRecords<String, byte[]> polled;
        try {
            polled = consumer().poll(timeout);
        } catch (WakeupException e) {
            return SourceBatch.empty(generation, caughtUp);
        } catch (InvalidOffsetException e) {
            restartReason = "offsets out of range: " + e.partitions();
            return SourceBatch.empty(generation, caughtUp);
        }
        if (polled.isEmpty() && !paused) {
            suspectDeletion(gen);
        }
        List<SourceRecord> records = new ArrayList<>(polled.count());
        for (ConsumerRecord<String, byte[]> record : polled) {
            if (record.key() == null) {
                log.warn("topic {}: skipping record {}-{}@{} without a key", topic, topic, record.partition(), record.offset());
                continue;
            }
            records.add(new SourceRecord(record.key(), record.value(),
                    topic + "-" + record.partition() + "@" + record.offset()));
        }
        if (!caughtUp) {
            caughtUp = reachedEndOffsets(gen);
        }
        return new SourceBatch(generation, records, caughtUp);
    }

    @Override
    public void wakeup() {
        wakeups.release();
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
            consumer = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }

    /** Starts a generation: everything assigned and read from the beginning. */
    private void begin(String reason) {
        String clusterId = clusterId();
        TopicDescription description = describeTopic();
        List<TopicPartition> partitions = new ArrayList<>();
        if (description != null) {
            description.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        Consumer<String, byte[]> c = consumer();
        c.assign(partitions);
        c.resume(partitions);
        paused = false;
        Map<TopicPartition, Long> startOffsets = Map.of();
        Map<TopicPartition, Long> endOffsets = Map.of();
        if (!partitions.isEmpty()) {
            c.seekToBeginning(partitions);
            startOffsets = c.beginningOffsets(partitions, settings.requestTimeout());
            endOffsets = c.endOffsets(partitions, settings.requestTimeout());
        }
        Generation gen = new Generation(clusterId, description == null ? null : description.topicId(),
                List.copyOf(partitions), Map.copyOf(startOffsets), Map.copyOf(endOffsets));
        caughtUp = reachedEndOffsets(gen);
        current = gen;
        generation++;
        restartReason = null;
        missingChecks = 0;
        nextCheckNanos = System.nanoTime() + settings.checkInterval().toNanos();
        log.info("topic {}: reading from the beginning (generation {}, {}): {} partitions, end offsets {}",
                topic, generation, reason, partitions.size(), endOffsets);
    }

    /** Whether this generation has read up to the end offsets it began with. */
    private boolean reachedEndOffsets(Generation gen) {
        for (TopicPartition partition : gen.partitions()) {
            long end = gen.endOffsets().getOrDefault(partition, 0L);
            if (end > gen.startOffsets().getOrDefault(partition, 0L)
                    && consumer().position(partition, settings.requestTimeout()) < end) {
                return false;
            }
        }
        return true;
    }

    /**
     * After an empty poll: if the consumer's metadata (local, unless it was just invalidated) no
     * longer knows the topic, it was probably deleted. The consumer then re-fetches in a tight
     * loop, each failure logged by the client, so fetching is paused and a check confirms at once.
     */
    private void suspectDeletion(Generation gen) {
        try {
            if (consumer().partitionsFor(topic, settings.requestTimeout()).isEmpty()) {
                consumer().pause(gen.partitions());
                paused = true;
                nextCheckNanos = System.nanoTime();
            }
        } catch (RuntimeException e) {
            // Only a hint; the regular check decides.
            log.debug("topic {}: cannot look up partitions: {}", topic, e.toString());
        }
    }

    /**
     * Looks for signs that the topic no longer continues what this generation read. A failing
     * check is logged and retried at the next interval: reading goes on meanwhile.
     */
    private void check() {
        nextCheckNanos = System.nanoTime() + settings.checkInterval().toNanos();
        Generation gen = current();
        try {
            restartReason = findReset(gen);
            if (checkFailing) {
                log.info("topic {}: checks succeed again", topic);
                checkFailing = false;
            }
        } catch (RuntimeException e) {
            if (!checkFailing) {
                log.warn("topic {}: cannot check the topic, will retry: {}", topic, e.toString());
                checkFailing = true;
            }
        }
    }

    private @Nullable String findReset(Generation gen) {
        String clusterId = clusterId();
        if (!clusterId.equals(gen.clusterId())) {
            return "cluster id changed from " + gen.clusterId() + " to " + clusterId;
        }
        TopicDescription description = describeTopic();
        if (description == null) {
            if (gen.partitions().isEmpty()) {
                return null;
            }
            missingChecks++;
            if (missingChecks >= MISSING_CHECKS_FOR_DELETION) {
                return "topic deleted";
            }
            if (!paused) {
                consumer().pause(gen.partitions());
                paused = true;
            }
            Duration confirm = settings.checkInterval().compareTo(CONFIRM_DELAY) < 0 ? settings.checkInterval() : CONFIRM_DELAY;
            nextCheckNanos = System.nanoTime() + confirm.toNanos();
            return null;
        }
        missingChecks = 0;
        if (paused) {
            // Still there (a broker that had not loaded its metadata yet, say): fetch again.
            consumer().resume(gen.partitions());
            paused = false;
        }
        if (gen.topicId() == null) {
            return "topic created";
        }
        if (!gen.topicId().equals(description.topicId())) {
            return "topic recreated (id " + gen.topicId() + " is now " + description.topicId() + ")";
        }
        if (description.partitions().size() != gen.partitions().size()) {
            return "partition count changed from " + gen.partitions().size() + " to " + description.partitions().size();
        }
        Consumer<String, byte[]> c = consumer();
        Map<TopicPartition, Long> startOffsets = c.beginningOffsets(gen.partitions(), settings.requestTimeout());
        Map<TopicPartition, Long> endOffsets = c.endOffsets(gen.partitions(), settings.requestTimeout());
        for (TopicPartition partition : gen.partitions()) {
            long start = startOffsets.getOrDefault(partition, 0L);
            if (start > gen.startOffsets().getOrDefault(partition, 0L)) {
                // Compaction never moves the log start offset; only deleting records does.
                return "records deleted from " + partition + " (log start offset now " + start + ")";
            }
            long position = c.position(partition, settings.requestTimeout());
            long end = endOffsets.getOrDefault(partition, 0L);
            if (end < position) {
                return partition + " truncated to " + end + " below position " + position;
            }
        }
        return null;
    }

    private String clusterId() {
        return await(admin().describeCluster().clusterId());
    }

    /** The topic, or {@code null} if it does not exist. */
    private @Nullable TopicDescription describeTopic() {
        try {
            return await(admin().describeTopics(List.of(topic)).allTopicNames()).get(topic);
        } catch (UnknownTopicOrPartitionException e) {
            return null;
        }
    }

    private <V> V await(KafkaFuture<V> future) {
        try {
            return future.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KafkaException kafka) {
                throw kafka;
            }
            throw new KafkaException(e.getCause());
        } catch (TimeoutException e) {
            throw new org.apache.kafka.common.errors.TimeoutException(
                    "no answer from " + settings.bootstrapServers() + " within " + settings.requestTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.apache.kafka.common.errors.InterruptException(e);
        }
    }

    private void idle(Duration timeout) {
        try {
            if (wakeups.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                wakeups.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Generation current() {
        Generation gen = current;
        if (gen == null) {
            throw new IllegalStateException("no generation begun");
        }
        return gen;
    }

    private Consumer<String, byte[]> consumer() {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(consumerProperties(topic, settings), new StringDeserializer(),
                    new ByteArrayDeserializer());
        }
        return consumer;
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminProperties(topic, settings));
        }
        return admin;
    }

    /** The consumer's configuration: no group, no commits, no topic creation, errors on lost offsets. */
    static Map<String, Object> consumerProperties(String topic, InformerSettings settings) {
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", settings.bootstrapServers());
        p.put("client.id", settings.clientId() + "-" + topic);
        p.put("enable.auto.commit", "false");
        // "none": a position that falls out of range (the topic was truncated or recreated) is an
        // error we see, not a silent jump to the other end.
        p.put("auto.offset.reset", "none");
        p.put("isolation.level", "read_uncommitted");
        p.put("allow.auto.create.topics", "false");
        p.put("max.poll.records", Integer.toString(settings.maxPollRecords()));
        // Topics have one partition, and a cold start reads a whole one: fetch 8 MiB at a time
        // rather than Kafka's 1 MiB, so a hundred thousand objects come in a few dozen round trips.
        p.put("max.partition.fetch.bytes", Integer.toString(8 << 20));
        p.put("request.timeout.ms", Long.toString(settings.requestTimeout().toMillis()));
        p.put("default.api.timeout.ms", Long.toString(settings.requestTimeout().toMillis()));
        p.putAll(settings.clientProperties());
        return p;
    }

    static Map<String, Object> adminProperties(String topic, InformerSettings settings) {
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", settings.bootstrapServers());
        p.put("client.id", settings.clientId() + "-" + topic + "-admin");
        p.put("request.timeout.ms", Long.toString(settings.requestTimeout().toMillis()));
        p.put("default.api.timeout.ms", Long.toString(settings.requestTimeout().toMillis()));
        p.putAll(settings.clientProperties());
        return p;
    }
}
