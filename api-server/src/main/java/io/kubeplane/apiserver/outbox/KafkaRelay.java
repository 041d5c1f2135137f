package io.kubeplane.apiserver.outbox;

import io.kubeplane.apiserver.storage.EventLog;
import io.kubeplane.apiserver.storage.ListPage;
import io.kubeplane.apiserver.storage.ListQuery;
import io.kubeplane.apiserver.storage.ObjectStore;
import io.kubeplane.apiserver.storage.StoredEvent;
import io.kubeplane.apiserver.storage.StoredObject;
import io.kubeplane.apiserver.watch.WatchCache;
import io.kubeplane.events.TopicNames;
import io.kubeplane.model.ApiResource;
import io.kubeplane.model.ApiResources;
import io.kubeplane.selector.FieldSelector;
import io.kubeplane.selector.LabelSelector;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox relay. On the replica that holds the leadership, it publishes the watch-event log to
 * Kafka in resource-version order from the position recorded in the store, up to the version the
 * local tailer has settled, and records the new position once the broker acknowledged the batch.
 * Kafka being down only delays it: the log keeps every event until published.
 *
 * <p>The store is the truth and Kafka its stream: when the relay becomes leader, and every
 * {@code checkInterval} after, it compares each topic with what it recorded (broker cluster id,
 * how far the log reached); a topic on a new broker, recreated, or truncated gets the kind's current
 * objects published again, so every consumer converges. Runs on a thread of its own; thread-safe.
 */
public final class KafkaRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaRelay.class);
    private static final int BATCH = 2000;
    private static final Duration LEADER_RETRY = Duration.ofSeconds(2);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final EventLog eventLog;
    private final ObjectStore store;
    private final WatchCache cache;
    private final RelayPosition position;
    private final RelayTopicRepository topicStates;
    private final RelayLeadership leadership;
    private final Supplier<Producer<String, byte[]>> producers;
    private final Supplier<Admin> admins;
    private final TopicNames topicNames;
    private final ApiResources resources;
    private final int partitions;
    private final Duration checkInterval;
    private final long retainedVersions;
    private final Semaphore wakeups = new Semaphore(0);
    private final Thread thread;
    private final Counter published;
    private volatile boolean running = true;
    private volatile long publishedVersion;
    private volatile boolean leading;

    KafkaRelay(EventLog eventLog, ObjectStore store, WatchCache cache, RelayPosition position,
               RelayTopicRepository topicStates, RelayLeadership leadership, Supplier<Producer<String, byte[]>> producers,
               Supplier<Admin> admins, TopicNames topicNames, ApiResources resources, int partitions,
               Duration checkInterval, long retainedVersions, MeterRegistry meters) {
        this.eventLog = eventLog;
        this.store = store;
        this.cache = cache;
        this.position = position;
        this.topicStates = topicStates;
        this.leadership = leadership;
        this.producers = producers;
        this.admins = admins;
        this.topicNames = topicNames;
        this.resources = resources;
        this.partitions = partitions;
        this.checkInterval = checkInterval;
        this.retainedVersions = retainedVersions;
        this.thread = Thread.ofPlatform().name("kafka-relay").daemon().unstarted(this::run);
        this.published = Counter.builder("kubeplane_relay_published_events_total")
                .description("Watch events the outbox relay published to Kafka").register(meters);
        Gauge.builder("kubeplane_relay_lag_versions", this, r -> r.leading ? cache.settledVersion() - r.publishedVersion : 0)
                .description("Settled resource versions not yet published to Kafka (on the leader)").register(meters);
        Gauge.builder("kubeplane_relay_leader", this, r -> r.leading ? 1 : 0)
                .description("1 on the replica whose relay publishes").register(meters);
    }

    public void start() {
        thread.start();
    }

    /** Called when the tailer settles new versions; wakes the relay at once. */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    /** Whether this replica's relay publishes. */
    public boolean isLeading() {
        return leading;
    }

    /** Every event up to this version has been acknowledged by the broker (on the leader). */
    public long publishedVersion() {
        return publishedVersion;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            if (!leadership.tryAcquire()) {
                pause(LEADER_RETRY);
                continue;
            }
            log.info("this replica now publishes the event log to Kafka");
            leading = true;
            try (Producer<String, byte[]> producer = producers.get(); Admin admin = admins.get()) {
                lead(new EventPublisher(producer, topicNames, resources), new TopicInventory(admin, partitions));
            } catch (TopicInventory.KafkaUnavailable | RuntimeException e) {
                if (running) {
                    log.warn("publishing to Kafka failed, retrying in {}: {}", backoff, e.getMessage());
                    pause(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
                continue;
            } finally {
                leading = false;
            }
            backoff = Duration.ofMillis(200);
        }
        leadership.close();
    }

    /** Publishes while this replica leads; returns when it stops leading, throws when Kafka fails. */
    private void lead(EventPublisher publisher, TopicInventory inventory) throws TopicInventory.KafkaUnavailable {
        long at = position.read();
        publishedVersion = at;
        checkTopics(publisher, inventory, at);
        long nextCheck = System.nanoTime() + checkInterval.toNanos();
        while (running && leadership.confirm()) {
            long settled = cache.settledVersion();
            if (settled > at) {
                List<StoredEvent> batch = eventLog.read(at, settled, BATCH);
                publisher.publish(batch);
                published.increment(batch.size());
                at = batch.size() < BATCH ? settled : batch.getLast().resourceVersion();
                position.advance(at);
                publishedVersion = at;
                continue;
            }
            if (System.nanoTime() >= nextCheck) {
                checkTopics(publisher, inventory, at);
                compact(at);
                nextCheck = System.nanoTime() + checkInterval.toNanos();
            }
            pause(Duration.ofSeconds(1));
        }
    }

    /**
     * Creates missing topics and re-publishes the current state of every kind whose topic the broker
     * lost: a topic never recorded, on another cluster, or whose log is shorter than recorded.
     */
    private void checkTopics(EventPublisher publisher, TopicInventory inventory, long at)
            throws TopicInventory.KafkaUnavailable {
        String clusterId = inventory.clusterId();
        List<String> names = resources.all().stream().map(topicNames::topic).toList();
        Set<String> created = inventory.ensure(names);
        Map<String, Long> ends = inventory.endOffsets(names);
        for (ApiResource resource : resources.all()) {
            String topic = topicNames.topic(resource);
            RelayTopic state = topicStates.findById(topic).orElse(null);
            long end = ends.getOrDefault(topic, 0L);
            boolean lost = state == null || created.contains(topic) || !state.clusterId().equals(clusterId)
                           || end < state.endOffsets();
            if (lost) {
                int count = republish(publisher, resource);
                if (state != null) {
                    log.warn("topic {} lost its log on the broker (cluster {}, {} of {} offsets); published the {} current {}",
                            topic, clusterId, end, state.endOffsets(), count, resource.plural());
                }
                end = inventory.endOffsets(List.of(topic)).getOrDefault(topic, 0L);
            }
            RelayTopic updated = state == null ? new RelayTopic(topic, clusterId, at, end) : state;
            updated.published(clusterId, at, end);
            topicStates.save(updated);
        }
    }

    /**
     * Drops published events that have also left every api-server's watch window; unpublished events
     * are kept however old, since Kafka must still get them.
     */
    private void compact(long at) {
        long below = Math.min(at + 1, cache.settledVersion() - retainedVersions);
        if (below > 0) {
            int removed = eventLog.compactBelow(below);
            if (removed > 0) {
                log.debug("compacted {} published events below version {}", removed, below);
            }
        }
    }

    private int republish(EventPublisher publisher, ApiResource resource) throws TopicInventory.KafkaUnavailable {
        int count = 0;
        ListQuery query = new ListQuery(resource, null, LabelSelector.everything(), FieldSelector.everything(), 1000, null);
        while (true) {
            ListPage page = store.list(query);
            List<StoredObject> objects = new ArrayList<>(page.items());
            publisher.publishSnapshot(resource, objects);
            count += objects.size();
            if (page.next() == null) {
                return count;
            }
            query = new ListQuery(resource, null, query.labels(), query.fields(), query.limit(), page.next());
        }
    }

    private void pause(Duration duration) {
        try {
            if (wakeups.tryAcquire(duration.toNanos(), TimeUnit.NANOSECONDS)) {
                wakeups.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            // Let the relay finish its batch and close the producer itself; interrupt only if it hangs.
            if (!thread.join(Duration.ofSeconds(10))) {
                thread.interrupt();
                thread.join(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        leadership.close();
    }
}
