package io.kubeplane.apiserver.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * What the relay last knew of one topic: the broker cluster it was on and how far its log reached.
 * A later relay that finds another cluster, or a shorter log, knows the broker lost the topic and
 * publishes the kind's current state again. Mutable JPA entity; used on the relay thread only.
 */
@Entity
@Table(name = "relay_topics")
public class RelayTopic {

    @Id
    private String topic;

    @Column(name = "cluster_id", nullable = false)
    private String clusterId;

    @Column(name = "published_version", nullable = false)
    private long publishedVersion;

    @Column(name = "end_offsets", nullable = false)
    private long endOffsets;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected RelayTopic() {
        this("", "", 0, 0);
    }

    public RelayTopic(String topic, String clusterId, long publishedVersion, long endOffsets) {
        this.topic = topic;
        this.clusterId = clusterId;
        this.publishedVersion = publishedVersion;
        this.endOffsets = endOffsets;
        this.updatedAt = Instant.now();
    }

    public String topic() {
        return topic;
    }

    public String clusterId() {
        return clusterId;
    }

    public long endOffsets() {
        return endOffsets;
    }

    public long publishedVersion() {
        return publishedVersion;
    }

    /** Records a publish that reached {@code endOffsets} on {@code clusterId}. */
    public void published(String clusterId, long publishedVersion, long endOffsets) {
        this.clusterId = clusterId;
        this.publishedVersion = publishedVersion;
        this.endOffsets = endOffsets;
        this.updatedAt = Instant.now();
    }
}
