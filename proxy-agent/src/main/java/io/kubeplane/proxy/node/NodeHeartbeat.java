package io.kubeplane.proxy.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubeplane.model.KubernetesJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node duties a kubelet does for itself: registers the Node on start (or brings an existing
 * one up to date), renews its Lease in {@code kube-node-lease} every interval, and sets Ready back
 * to True when the node lifecycle controller marked it Unknown while the agent was away. A
 * failure is logged and retried at the next beat: a missed beat is what the lease's duration
 * allows for. Thread-safe; {@link #start} once.
 */
public final class NodeHeartbeat implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);
    private static final PatchContext STRATEGIC = PatchContext.of(PatchType.STRATEGIC_MERGE);

    private final KubernetesClient client;
    private final NodeIdentity identity;
    private final Duration renewInterval;
    private final Duration leaseDuration;
    private final Clock clock;
    private final AtomicReference<Instant> lastRenewal = new AtomicReference<>();
    private volatile String nodeUid;
    private volatile Thread thread;

    public NodeHeartbeat(KubernetesClient client, NodeIdentity identity, Duration renewInterval, Duration leaseDuration,
                         Clock clock) {
        this.client = client;
        this.identity = identity;
        this.renewInterval = renewInterval;
        this.leaseDuration = leaseDuration;
        this.clock = clock;
    }

    public void start() {
        thread = Thread.ofVirtual().name("node-heartbeat-" + identity.name()).start(this::run);
    }

    /** When the Lease was last renewed; null before the first renewal. */
    public Instant lastRenewal() {
        return lastRenewal.get();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                beat();
            } catch (KubernetesClientException e) {
                log.warn("Node {}: heartbeat failed, retrying in {}s: {}", identity.name(), renewInterval.toSeconds(),
                        e.getMessage());
            }
            try {
                Thread.sleep(renewInterval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One beat: the Node registered and Ready, the Lease renewed. */
    void beat() {
        Node node = client.nodes().withName(identity.name()).get();
        if (node == null) {
            node = register();
        } else if (!ready(node)) {
            setReady(node);
        }
        nodeUid = node.getMetadata().getUid();
        renewLease();
    }

    private Node register() {
        Node desired = NodeObjects.node(identity, clock.instant());
        Node created;
        try {
            created = client.nodes().resource(desired).create();
            log.info("Node {} registered with InternalIP {}", identity.name(), identity.internalIp());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            created = client.nodes().withName(identity.name()).get();
        }
        // The status is a subresource: a create may keep only the spec.
        return client.nodes().withName(identity.name()).subresource("status").patch(STRATEGIC, KubernetesJson.write(Map.of(
                "metadata", Map.of("uid", created.getMetadata().getUid()),
                "status", desired.getStatus())));
    }

    private void setReady(Node node) {
        NodeCondition ready = NodeObjects.ready(clock.instant());
        client.nodes().withName(identity.name()).subresource("status").patch(STRATEGIC, KubernetesJson.write(Map.of(
                "metadata", Map.of("uid", node.getMetadata().getUid()),
                "status", Map.of("conditions", List.of(ready)))));
        log.info("Node {} is heard from again: Ready", identity.name());
    }

    private void renewLease() {
        Instant now = clock.instant();
        Lease lease = client.leases().inNamespace(NodeObjects.LEASE_NAMESPACE).withName(identity.name()).get();
        if (lease == null) {
            client.leases().inNamespace(NodeObjects.LEASE_NAMESPACE)
                    .resource(NodeObjects.lease(identity, nodeUid, leaseDuration, now)).create();
        } else {
            lease.getSpec().setRenewTime(now.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC));
            lease.getSpec().setHolderIdentity(identity.name());
            lease.getSpec().setLeaseDurationSeconds((int) leaseDuration.toSeconds());
            client.leases().inNamespace(NodeObjects.LEASE_NAMESPACE).resource(lease).update();
        }
        lastRenewal.set(now);
    }

    private static boolean ready(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null
               && node.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    @Override
    public void close() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }
}
