package io.kubeplane.apiserver.outbox;

import io.kubeplane.apiserver.storage.StoredEvent;
import io.kubeplane.apiserver.storage.StoredObject;
import io.kubeplane.events.EnvelopeCodec;
import io.kubeplane.events.EventKeys;
import io.kubeplane.events.TopicNames;
import io.kubeplane.events.WatchEvent;
import io.kubeplane.events.WatchEventType;
import io.kubeplane.model.ApiResource;
import io.kubeplane.model.ApiResources;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends events to their kind's topic, keyed {@code namespace/name}, and waits until the broker has
 * acknowledged every one. A DELETED envelope is followed by a tombstone, so compaction eventually
 * forgets the key while consumers still see the deletion with its object. The producer is
 * idempotent, so retries never reorder a partition. Used on the relay thread only.
 */
final class EventPublisher {

    private final Producer<String, byte[]> producer;
    private final TopicNames topics;
    private final ApiResources resources;

    EventPublisher(Producer<String, byte[]> producer, TopicNames topics, ApiResources resources) {
        this.producer = producer;
        this.topics = topics;
        this.resources = resources;
    }

    void publish(List<StoredEvent> events) throws TopicInventory.KafkaUnavailable {
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size() + 8);
        for (StoredEvent event : events) {
            ApiResource resource = resources.byGroupResource(event.resource())
                    .orElseThrow(() -> new IllegalStateException("event of an unknown kind: " + event.resource()));
            String topic = topics.topic(resource);
            String key = EventKeys.key(event.namespace(), event.name());
            sent.add(producer.send(new ProducerRecord<>(topic, key,
                    EnvelopeCodec.encode(new WatchEvent(event.type(), event.resourceVersion(), event.json())))));
            if (event.type() == WatchEventType.DELETED) {
                sent.add(producer.send(new ProducerRecord<>(topic, key, null)));
            }
        }
        await(sent);
    }

    /** Sends the current objects of a kind as ADDED, each with its own resource version. */
    void publishSnapshot(ApiResource resource, List<StoredObject> objects) throws TopicInventory.KafkaUnavailable {
        String topic = topics.topic(resource);
        List<Future<RecordMetadata>> sent = new ArrayList<>(objects.size());
        for (StoredObject object : objects) {
            sent.add(producer.send(new ProducerRecord<>(topic, EventKeys.key(object.key().namespace(), object.key().name()),
                    EnvelopeCodec.encode(new WatchEvent(WatchEventType.ADDED, object.resourceVersion(), object.json())))));
        }
        await(sent);
    }

    private void await(List<Future<RecordMetadata>> sent) throws TopicInventory.KafkaUnavailable {
        producer.flush();
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new TopicInventory.KafkaUnavailable("publishing failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicInventory.KafkaUnavailable("interrupted", e);
            }
        }
    }
}
