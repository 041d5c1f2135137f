package io.kubeplane.events;

import io.kubeplane.model.ApiResource;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names the Kafka topic of each kind: {@code <prefix>.<groupResource>}, e.g.
 * {@code kubeplane.services} or {@code kubeplane.endpointslices.discovery.k8s.io}, and says how such
 * a topic is configured.
 *
 * <p>Immutable and thread-safe. The outbox relay creates and writes the topics; informers and
 * stream consumers read them.
 *
 * @param prefix the first part of every topic name, {@value #DEFAULT_PREFIX} by default
 */
public record TopicNames(String prefix) {

    public static final String DEFAULT_PREFIX = "kubeplane";

    /** Kafka's rule for topic names (and so for the prefix), 249 characters at most. */
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

    /** Largest record a topic takes: Kubernetes stores objects up to 1.5 MiB (etcd's limit), plus the envelope. */
    public static final int MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

    public TopicNames {
        Objects.requireNonNull(prefix, "prefix");
        if (!LEGAL.matcher(prefix).matches() || prefix.length() > 200) {
            throw new IllegalArgumentException(
                    "topic prefix must be 1-200 characters of [a-zA-Z0-9._-], was '" + prefix + "'");
        }
    }

    /** Topic names with the default prefix. */
    public static TopicNames defaults() {
        return new TopicNames(DEFAULT_PREFIX);
    }

    /** The topic of a kind, e.g. {@code kubeplane.services}. */
    public String topic(ApiResource resource) {
        return prefix + "." + resource.groupResource();
    }

    /**
     * The configuration of a kind's topic, which doubles as a table of its objects:
     * <ul>
     *   <li>{@code cleanup.policy=compact}: the last record per key is kept forever, never
     *       deleted by age or size, so a reader from offset 0 sees every live object;</li>
     *   <li>{@code delete.retention.ms=86400000}: a tombstone stays a day before compaction may
     *       drop it, so a consumer less than a day behind still sees the deletion;</li>
     *   <li>{@code segment.ms=3600000}: the active segment is never compacted, so it rolls
     *       hourly instead of weekly and a quiet topic still gets compacted;</li>
     *   <li>{@code min.cleanable.dirty.ratio=0.1}: compact when a tenth of the log is
     *       superseded, keeping a full re-read (informer start) short;</li>
     *   <li>{@code unclean.leader.election.enable=false}: an out-of-sync replica never becomes
     *       leader, since that would silently drop committed events;</li>
     *   <li>{@code max.message.bytes}: an object Kubernetes would store fits in one record
     *       (producers need {@code max.request.size} at least as large).</li>
     * </ul>
     * Partitions and replication are the cluster's business; a key always maps to one partition,
     * which is all the ordering consumers rely on.
     */
    public static Map<String, String> topicConfig() {
        return Map.of(
                "cleanup.policy", "compact",
                "delete.retention.ms", "86400000",
                "segment.ms", "3600000",
                "min.cleanable.dirty.ratio", "0.1",
                "unclean.leader.election.enable", "false",
                "max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES));
    }
}
