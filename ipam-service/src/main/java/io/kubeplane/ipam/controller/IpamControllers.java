package io.kubeplane.ipam.controller;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeplane.controller.ControllerLoop;
import io.kubeplane.controller.EventRecorder;
import io.kubeplane.controller.WorkQueue;
import io.kubeplane.informer.KafkaInformer;
import io.kubeplane.informer.SharedIndexInformer;
import io.kubeplane.ipam.allocation.AllocationMetrics;
import io.kubeplane.ipam.allocation.Pools;
import io.kubeplane.ipam.store.AllocationStore;
import io.kubeplane.model.ApiResources;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ipam-service's controllers and the informers they read: started together, reconciling only once
 * every informer has synced (so a restart never mistakes a cache still filling for missing
 * objects), with the repair loop every {@code repairInterval}. Thread-safe.
 */
public final class IpamControllers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IpamControllers.class);

    /** What the controllers are doing, for the HTTP view and the health check. */
    public record State(boolean synced, Map<String, Integer> queueDepths, int loadBalancersPending,
                        Optional<RepairReport> lastRepair) {
    }

    private final KafkaInformer<Service> services;
    private final KafkaInformer<Node> nodes;
    private final KafkaInformer<Pod> pods;
    private final ControllerLoop<String> nodeCidrLoop;
    private final ControllerLoop<String> podAddressLoop;
    private final ControllerLoop<String> loadBalancerLoop;
    private final LoadBalancerController loadBalancers;
    private final AllocationRepair repair;
    private final Duration repairInterval;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("ipam-controllers").factory());
    private volatile boolean synced;

    public IpamControllers(KafkaInformer<Service> services, KafkaInformer<Node> nodes, KafkaInformer<Pod> pods,
                           KubernetesClient client, EventRecorder events, Pools pools, AllocationStore store,
                           AllocationMetrics metrics, MeterRegistry registry, ControllerProperties properties) {
        this.services = services;
        this.nodes = nodes;
        this.pods = pods;
        this.repairInterval = properties.repairInterval();
        OwnedAddresses addresses = new OwnedAddresses(pools, store, metrics);
        ClusterWrites writes = new ClusterWrites(client);

        pods.addIndexer(PodAddressController.BY_NODE, PodAddressController::byNode);
        WorkQueue<String> podQueue = ControllerLoop.queue("pod-addresses");
        PodAddressController podAddresses = new PodAddressController(pods.store(), nodes.store(), pools, addresses, writes,
                events, podQueue);
        WorkQueue<String> nodeQueue = ControllerLoop.queue("node-cidrs");
        NodeCidrController nodeCidrs = new NodeCidrController(nodes.store(), pools, addresses, writes, events, nodeQueue,
                podAddresses::nodeChanged);
        WorkQueue<String> serviceQueue = ControllerLoop.queue("load-balancer-ips");
        this.loadBalancers = new LoadBalancerController(services.store(), pools, addresses, writes, events, serviceQueue);
        this.podAddressLoop = new ControllerLoop<>("pod-addresses", podQueue, podAddresses, properties.workers(), registry);
        this.nodeCidrLoop = new ControllerLoop<>("node-cidrs", nodeQueue, nodeCidrs, properties.workers(), registry);
        this.loadBalancerLoop = new ControllerLoop<>("load-balancer-ips", serviceQueue, loadBalancers, properties.workers(),
                registry);
        this.repair = new AllocationRepair(services.store(), nodes.store(), pods.store(), pools, store, addresses, client,
                events, metrics, Clock.systemUTC(), properties.repairGracePeriod());

        pods.addEventHandler(podAddresses);
        nodes.addEventHandler(nodeCidrs);
        services.addEventHandler(loadBalancers);
    }

    /** Starts the informers, then, once they are synced and in the background, the controllers. */
    public void start() {
        List.<SharedIndexInformer<?>>of(services, nodes, pods).forEach(SharedIndexInformer::start);
        Thread.ofVirtual().name("ipam-controllers-sync").start(() -> {
            while (!(services.awaitSynced(Duration.ofSeconds(10)) & nodes.awaitSynced(Duration.ofSeconds(10))
                     & pods.awaitSynced(Duration.ofSeconds(10)))) {
                log.info("Waiting for the Service, Node and Pod informers to sync");
            }
            nodeCidrLoop.start();
            podAddressLoop.start();
            loadBalancerLoop.start();
            synced = true;
            log.info("Controllers running: node-cidrs, pod-addresses, load-balancer-ips; repair every {}", repairInterval);
            scheduler.scheduleWithFixedDelay(this::repairQuietly, repairInterval.toMillis(), repairInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        });
    }

    /** Runs a repair pass now. */
    public RepairReport repairNow() {
        if (!synced) {
            throw new IllegalStateException("the informers have not synced yet");
        }
        return repair.run();
    }

    private void repairQuietly() {
        try {
            repair.run();
        } catch (RuntimeException e) {
            log.warn("Repair pass failed, trying again in {}: {}", repairInterval, e.toString());
        }
    }

    public boolean synced() {
        return synced;
    }

    public State state() {
        Map<String, Integer> depths = new LinkedHashMap<>();
        for (ControllerLoop<String> loop : List.of(nodeCidrLoop, podAddressLoop, loadBalancerLoop)) {
            depths.put(loop.name(), loop.queue().depth());
        }
        return new State(synced, depths, loadBalancers.pendingCount(), repair.last());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        for (AutoCloseable closeable : List.<AutoCloseable>of(nodeCidrLoop, podAddressLoop, loadBalancerLoop, services, nodes, pods)) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("Stopping {}: {}", closeable, e.toString());
            }
        }
    }
}
