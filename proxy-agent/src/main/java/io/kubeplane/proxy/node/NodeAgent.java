package io.kubeplane.proxy.node;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeplane.controller.ControllerLoop;
import io.kubeplane.informer.KafkaInformer;
import io.kubeplane.informer.ResourceEventHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's agent duties: the {@link NodeHeartbeat} and the pod status loop over the pods bound to
 * the node, which starts once the pod informer has synced. Thread-safe.
 */
public final class NodeAgent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeAgent.class);

    private final NodeIdentity identity;
    private final KafkaInformer<Pod> pods;
    private final NodeHeartbeat heartbeat;
    private final Prober prober;
    private final ControllerLoop<String> podLoop;
    private volatile boolean synced;

    /**
     * @param renewInterval    how often the Lease is renewed (kubelet: 10 s)
     * @param leaseDuration    the Lease's duration (kubelet: 40 s)
     * @param terminationDelay how long a deleted pod's "containers" take to stop
     */
    public NodeAgent(NodeIdentity identity, KafkaInformer<Pod> pods, KubernetesClient client, MeterRegistry registry,
                     Duration renewInterval, Duration leaseDuration, Duration terminationDelay) {
        this.identity = identity;
        this.pods = pods;
        Clock clock = Clock.systemUTC();
        this.heartbeat = new NodeHeartbeat(client, identity, renewInterval, leaseDuration, clock);
        var queue = ControllerLoop.<String>queue("pod-status");
        this.prober = new Prober(new ProbeCheck(), queue::add);
        PodStatusReconciler reconciler = new PodStatusReconciler(pods.store(), client, identity, prober, terminationDelay, clock);
        this.podLoop = new ControllerLoop<>("pod-status", queue, reconciler, 4, registry);
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                if (reconciler.onThisNode(pod)) {
                    queue.add(key(pod));
                }
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                if (reconciler.onThisNode(newPod) || reconciler.onThisNode(oldPod)) {
                    queue.add(key(newPod));
                }
            }

            @Override
            public void onDelete(Pod pod) {
                if (reconciler.onThisNode(pod)) {
                    queue.add(key(pod));
                }
            }
        });
    }

    private static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    public void start() {
        heartbeat.start();
        pods.start();
        Thread.ofVirtual().name("node-agent-sync").start(() -> {
            while (!pods.awaitSynced(Duration.ofSeconds(10))) {
                log.info("Node {}: waiting for the pod informer to sync", identity.name());
            }
            podLoop.start();
            synced = true;
            log.info("Node {} agent running: {} pods bound here", identity.name(),
                    pods.store().list().stream().filter(p -> identity.name().equals(p.getSpec().getNodeName())).count());
        });
    }

    public boolean synced() {
        return synced;
    }

    public NodeIdentity identity() {
        return identity;
    }

    public NodeHeartbeat heartbeat() {
        return heartbeat;
    }

    public KafkaInformer<Pod> pods() {
        return pods;
    }

    public int probing() {
        return prober.probing();
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : List.<AutoCloseable>of(heartbeat, podLoop, prober, pods)) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("Stopping {}: {}", closeable, e.toString());
            }
        }
    }
}
