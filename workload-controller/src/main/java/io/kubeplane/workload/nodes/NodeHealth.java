package io.kubeplane.workload.nodes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The node lifecycle controller's judgement of one node, as Kubernetes' makes it: a node's last
 * sign of life is the later of its Lease's renewTime and its Ready condition's lastHeartbeatTime
 * (a node that never reported counts from its creation); when that is older than the grace period
 * its Ready condition becomes Unknown. Pure.
 *
 * @param lastHeartbeat the last sign of life
 * @param silent        whether it is older than the grace period
 * @param recheckIn     when the node turns silent if nothing more is heard; null when it is already
 */
public record NodeHealth(Instant lastHeartbeat, boolean silent, @Nullable Duration recheckIn) {

    public static final String REASON = "NodeStatusUnknown";
    public static final String MESSAGE = "Kubelet stopped posting node status.";

    public static NodeHealth of(Node node, @Nullable Lease lease, Instant now, Duration gracePeriod) {
        Instant created = instant(node.getMetadata().getCreationTimestamp()).orElse(now);
        Instant last = Stream.of(
                        Optional.ofNullable(lease).map(l -> l.getSpec() == null ? null : l.getSpec().getRenewTime())
                                .map(java.time.ZonedDateTime::toInstant),
                        readyCondition(node).map(NodeCondition::getLastHeartbeatTime).flatMap(NodeHealth::instant),
                        Optional.of(created))
                .flatMap(Optional::stream).max(Instant::compareTo).orElse(created);
        Instant deadline = last.plus(gracePeriod);
        boolean silent = now.isAfter(deadline);
        return new NodeHealth(last, silent, silent ? null : Duration.between(now, deadline).plusMillis(100));
    }

    /** Whether the node's Ready condition already says what a silent node's should. */
    public static boolean markedUnknown(Node node) {
        return readyCondition(node).map(c -> "Unknown".equals(c.getStatus())).orElse(false);
    }

    /** Whether the node's Ready condition is True. */
    public static boolean ready(Node node) {
        return readyCondition(node).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    static Optional<NodeCondition> readyCondition(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }

    private static Optional<Instant> instant(@Nullable String time) {
        try {
            return time == null ? Optional.empty() : Optional.of(Instant.parse(time));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
