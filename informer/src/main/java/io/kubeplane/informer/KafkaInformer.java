package io.kubeplane.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeplane.events.TopicNames;
import io.kubeplane.informer.impl.EventSourceInformer;
import io.kubeplane.informer.impl.KafkaEventSource;
import io.kubeplane.model.ApiResource;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * An informer over a kind's log-compacted Kafka topic ({@code <prefix>.<groupResource>}): reads the
 * topic from the start into an indexed cache, follows it, and tells handlers about every change.
 *
 * <p>Delivery on the topic is at least once, so an event not newer than what the cache holds for
 * its key is dropped, and recent deletions are remembered so a late older event does not bring an
 * object back. If the topic is recreated, emptied or truncated, or the cluster replaced, the topic
 * is read again from the start into a fresh table while the old cache keeps serving; then the two
 * are swapped and the differences reported. A topic that does not exist yet is empty.
 *
 * <p>Thread-safe. Typical use:
 * <pre>{@code
 * KafkaInformer<Service> services = new KafkaInformer<>(ApiResources.SERVICES, Service.class, settings);
 * services.addEventHandler(handler);
 * services.start();
 * services.awaitSynced(Duration.ofSeconds(30));
 * Service web = services.store().get("default", "web");
 * }</pre>
 *
 * @param <T> the kind of object
 */
public final class KafkaInformer<T extends HasMetadata> implements SharedIndexInformer<T> {

    private final String topic;
    private final SharedIndexInformer<T> engine;

    /**
     * @param resource the kind, which names the topic
     * @param type     its fabric8 class, {@code resource.type()}
     * @param settings where and how to read
     * @throws IllegalArgumentException if {@code type} is not the resource's type
     */
    public KafkaInformer(ApiResource resource, Class<T> type, InformerSettings settings) {
        if (!resource.type().equals(type)) {
            throw new IllegalArgumentException(resource.kind() + " objects are " + resource.type().getName()
                    + ", not " + type.getName());
        }
        this.topic = new TopicNames(settings.topicPrefix()).topic(resource);
        this.engine = new EventSourceInformer<>(topic, type, new KafkaEventSource(topic, settings),
                settings.deletionMemory(), settings.pollTimeout());
    }

    /** The topic this informer reads. */
    public String topic() {
        return topic;
    }

    @Override
    public void addEventHandler(ResourceEventHandler<? super T> handler) {
        engine.addEventHandler(handler);
    }

    @Override
    public void addIndexer(String name, Function<? super T, List<String>> indexFunction) {
        engine.addIndexer(name, indexFunction);
    }

    @Override
    public void setTransform(UnaryOperator<T> transform) {
        engine.setTransform(transform);
    }

    @Override
    public void start() {
        engine.start();
    }

    @Override
    public boolean hasSynced() {
        return engine.hasSynced();
    }

    @Override
    public boolean awaitSynced(Duration timeout) {
        return engine.awaitSynced(timeout);
    }

    @Override
    public Indexer<T> store() {
        return engine.store();
    }

    @Override
    public void stop() {
        engine.stop();
    }
}
