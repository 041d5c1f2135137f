package io.kubeplane.endpoints.controller;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeplane.controller.ControllerLoop;
import io.kubeplane.controller.EventRecorder;
import io.kubeplane.controller.WorkQueue;
import io.kubeplane.informer.KafkaInformer;
import io.kubeplane.informer.SharedIndexInformer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Endpoints, EndpointSlice and EndpointSlice-mirroring controllers and the five informers they read. Reconciling starts
 * once every informer has synced — a controller that started earlier would take a cache still
 * filling for pods that are gone and empty every Service's endpoints — and then every Service is
 * reconciled once, which after a restart writes nothing that is already right. Thread-safe.
 */
public final class EndpointsControllers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EndpointsControllers.class);

    private final KafkaInformer<Service> services;
    private final KafkaInformer<Pod> pods;
    private final KafkaInformer<Node> nodes;
    private final KafkaInformer<Endpoints> endpoints;
    private final KafkaInformer<EndpointSlice> slices;
    private final ControllerLoop<String> endpointsLoop;
    private final ControllerLoop<String> slicesLoop;
    private final ControllerLoop<String> mirroringLoop;
    private final SyncLog syncLog;
    private volatile boolean synced;

    public EndpointsControllers(KafkaInformer<Service> services, KafkaInformer<Pod> pods, KafkaInformer<Node> nodes,
                                KafkaInformer<Endpoints> endpoints, KafkaInformer<EndpointSlice> slices,
                                KubernetesClient client, EventRecorder events, MeterRegistry registry, int workers,
                                int maxEndpointsPerSlice) {
        this.services = services;
        this.pods = pods;
        this.nodes = nodes;
        this.endpoints = endpoints;
        this.slices = slices;
        Clock clock = Clock.systemUTC();
        services.addIndexer(SelectorIndexes.BY_SELECTOR, SelectorIndexes::selectorEntries);
        pods.setTransform(SlimObjects::pod);
        pods.addIndexer(ServiceKeys.PODS_BY_NODE, ServiceKeys::nodeOf);
        nodes.setTransform(SlimObjects::node);
        services.setTransform(SlimObjects::withoutManagedFields);
        this.syncLog = new SyncLog(clock);
        WorkQueue<String> endpointsQueue = ControllerLoop.queue("endpoints");
        WorkQueue<String> slicesQueue = ControllerLoop.queue("endpointslices");
        TriggerTimes endpointsTriggers = new TriggerTimes();
        TriggerTimes sliceTriggers = new TriggerTimes();
        this.endpointsLoop = new ControllerLoop<>("endpoints", endpointsQueue, new EndpointsReconciler(services.store(),
                pods.store(), endpoints.store(), client, events, endpointsTriggers, syncLog, clock, registry), workers, registry);
        this.slicesLoop = new ControllerLoop<>("endpointslices", slicesQueue, new EndpointSliceReconciler(services.store(),
                pods.store(), nodes.store(), slices.store(), client, events, sliceTriggers, syncLog, clock,
                maxEndpointsPerSlice, registry), workers, registry);

        WorkQueue<String> mirroringQueue = ControllerLoop.queue("endpointslice-mirroring");
        this.mirroringLoop = new ControllerLoop<>("endpointslice-mirroring", mirroringQueue, new MirroringReconciler(
                services.store(), endpoints.store(), slices.store(), client, syncLog, clock, maxEndpointsPerSlice, registry),
                workers, registry);
        ServiceKeys forMirroring = new ServiceKeys(services.store(), mirroringQueue::add, new TriggerTimes(), clock);
        services.addEventHandler(forMirroring.forServices());
        endpoints.addEventHandler(forMirroring.forMirroredEndpoints());
        slices.addEventHandler(forMirroring.forOwnedObjects());

        ServiceKeys forEndpoints = new ServiceKeys(services.store(), endpointsQueue::add, endpointsTriggers, clock);
        ServiceKeys forSlices = new ServiceKeys(services.store(), slicesQueue::add, sliceTriggers, clock);
        services.addEventHandler(forEndpoints.forServices());
        services.addEventHandler(forSlices.forServices());
        pods.addEventHandler(forEndpoints.forPods());
        pods.addEventHandler(forSlices.forPods());
        nodes.addEventHandler(forSlices.forNodes(pods.store()));
        endpoints.addEventHandler(forEndpoints.forOwnedObjects());
        slices.addEventHandler(forSlices.forOwnedObjects());
    }

    public void start() {
        List.<SharedIndexInformer<?>>of(services, pods, nodes, endpoints, slices).forEach(SharedIndexInformer::start);
        Thread.ofVirtual().name("endpoints-controllers-sync").start(() -> {
            while (!allSynced()) {
                log.info("Waiting for the Service, Pod, Node, Endpoints and EndpointSlice informers to sync");
            }
            // Handlers added before the sync saw every object as it arrived; the queues hold every Service.
            endpointsLoop.start();
            slicesLoop.start();
            mirroringLoop.start();
            synced = true;
            log.info("Endpoints and EndpointSlice controllers running over {} Services and {} pods",
                    services.store().size(), pods.store().size());
        });
    }

    private boolean allSynced() {
        boolean all = true;
        for (SharedIndexInformer<?> informer : List.<SharedIndexInformer<?>>of(services, pods, nodes, endpoints, slices)) {
            all &= informer.awaitSynced(Duration.ofSeconds(10));
        }
        return all;
    }

    public boolean synced() {
        return synced;
    }

    public SyncLog syncLog() {
        return syncLog;
    }

    public KafkaInformer<Service> services() {
        return services;
    }

    public KafkaInformer<Pod> pods() {
        return pods;
    }

    public KafkaInformer<EndpointSlice> slices() {
        return slices;
    }

    public KafkaInformer<Endpoints> endpoints() {
        return endpoints;
    }

    public int queueDepth() {
        return endpointsLoop.queue().depth() + slicesLoop.queue().depth() + mirroringLoop.queue().depth();
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : List.<AutoCloseable>of(endpointsLoop, slicesLoop, mirroringLoop, services, pods, nodes, endpoints, slices)) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("Stopping {}: {}", closeable, e.toString());
            }
        }
    }
}
