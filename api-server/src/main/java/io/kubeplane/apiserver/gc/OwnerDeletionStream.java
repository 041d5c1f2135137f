package io.kubeplane.apiserver.gc;

import io.kubeplane.events.EnvelopeCodec;
import io.kubeplane.events.EnvelopeFormatException;
import io.kubeplane.events.WatchEvent;
import io.kubeplane.events.WatchEventType;
import io.kubeplane.model.KubernetesJson;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;

/**
 * The garbage collector's event stream: a Spring Cloud Stream consumer of every kind's topic (one
 * consumer group across api-server replicas, so each deletion is handled once) that hands each
 * DELETED owner to the {@link GarbageCollector}. Tombstones and other events are skipped.
 */
public final class OwnerDeletionStream implements Consumer<Message<?>> {

    private static final Logger log = LoggerFactory.getLogger(OwnerDeletionStream.class);

    private final GarbageCollector collector;

    public OwnerDeletionStream(GarbageCollector collector) {
        this.collector = collector;
    }

    @Override
    public void accept(Message<?> message) {
        // A tombstone arrives as KafkaNull: nothing to do, the DELETED envelope before it was handled.
        if (!(message.getPayload() instanceof byte[] payload) || payload.length == 0) {
            return;
        }
        WatchEvent event;
        try {
            event = EnvelopeCodec.decode(payload);
        } catch (EnvelopeFormatException e) {
            log.warn("skipping a record that is not a watch event: {}", e.getMessage());
            return;
        }
        if (event.type() != WatchEventType.DELETED) {
            return;
        }
        String uid = KubernetesJson.JSON.readTree(event.objectJson()).path("metadata").path("uid").asString("");
        try {
            int deleted = collector.ownerDeleted(UUID.fromString(uid));
            if (deleted > 0) {
                log.debug("deleted {} dependents of {}", deleted, uid);
            }
        } catch (IllegalArgumentException notAUid) {
            // an object without a uid owns nothing
        }
    }
}
