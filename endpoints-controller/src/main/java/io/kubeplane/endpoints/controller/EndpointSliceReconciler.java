package io.kubeplane.endpoints.controller;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubeplane.controller.EventRecorder;
import io.kubeplane.controller.Reconciler;
import io.kubeplane.endpoints.desired.DesiredSlices;
import io.kubeplane.endpoints.desired.PodRules;
import io.kubeplane.endpoints.desired.SlicePlan;
import io.kubeplane.informer.Indexer;
import io.kubeplane.informer.Indexers;
import io.kubeplane.informer.Store;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Keeps each Service's EndpointSlices equal to {@link DesiredSlices}, writing what {@link SlicePlan}
 * says and nothing more: creates, updates with the resourceVersion they were read at (a 409 makes
 * the Service try again from fresh state), deletes; every written slice carries the trigger-time
 * annotation. A deleted Service's slices are deleted; a Service without a selector is left alone.
 * Keys are {@code namespace/name}.
 */
final class EndpointSliceReconciler implements Reconciler<String> {

    static final String MANAGED_BY = "endpointslice-controller.k8s.io";

    private final Indexer<Service> services;
    private final Indexer<Pod> pods;
    private final Store<Node> nodes;
    private final Indexer<EndpointSlice> slices;
    private final EventRecorder events;
    private final TriggerTimes triggers;
    private final SyncLog syncLog;
    private final Clock clock;
    private final int maxEndpointsPerSlice;
    private final SliceWriter writer;

    EndpointSliceReconciler(Indexer<Service> services, Indexer<Pod> pods, Store<Node> nodes, Indexer<EndpointSlice> slices,
                            KubernetesClient client, EventRecorder events, TriggerTimes triggers, SyncLog syncLog,
                            Clock clock, int maxEndpointsPerSlice, MeterRegistry registry) {
        this.services = services;
        this.pods = pods;
        this.nodes = nodes;
        this.slices = slices;
        this.events = events;
        this.triggers = triggers;
        this.syncLog = syncLog;
        this.clock = clock;
        this.maxEndpointsPerSlice = maxEndpointsPerSlice;
        this.writer = new SliceWriter(client, MANAGED_BY, clock, registry);
    }

    /** The slices this controller manages for the Service {@code namespace/name}. */
    List<EndpointSlice> managed(String namespace, String name) {
        return slices.byIndex(Indexers.LABELS, Indexers.labelValue(SlicePlan.SERVICE_NAME_LABEL, name)).stream()
                .filter(s -> namespace.equals(s.getMetadata().getNamespace()))
                .filter(s -> s.getMetadata().getLabels() != null
                             && MANAGED_BY.equals(s.getMetadata().getLabels().get(SlicePlan.MANAGED_BY_LABEL)))
                .toList();
    }

    @Override
    public Result reconcile(String key) {
        Instant started = clock.instant();
        String namespace = key.substring(0, key.indexOf('/'));
        String name = key.substring(key.indexOf('/') + 1);
        Service service = services.getByKey(key);
        List<EndpointSlice> existing = managed(namespace, name);
        Result wait = writer.waitIfBehind(key, existing);
        if (wait != null) {
            return wait;
        }
        if (service == null) {
            if (!existing.isEmpty()) {
                writer.apply(key, namespace, new SlicePlan(List.of(), List.of(), existing), null);
                syncLog.slices(key, "deleted " + existing.size() + " slice(s) with the Service");
            }
            return Result.DONE;
        }
        if (!PodRules.hasSelector(service)) {
            return Result.DONE; // its slices are mirrored from the Endpoints its users write
        }
        var desired = DesiredSlices.of(service, SelectorIndexes.selectedPods(pods, service), nodeName -> nodes.get(null, nodeName));
        SlicePlan plan = SlicePlan.of(service, desired, existing, maxEndpointsPerSlice, MANAGED_BY);
        if (plan.isEmpty()) {
            triggers.synced(key, started);
            syncLog.slices(key, "unchanged");
            return Result.DONE;
        }
        try {
            writer.apply(key, namespace, plan, triggers.peek(key));
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                events.warning(service, "FailedToUpdateEndpointSlices", "Error updating Endpoint Slices for Service "
                        + key + ": " + e.getMessage());
            }
            throw e;
        }
        triggers.synced(key, started);
        syncLog.slices(key, plan.creates().size() + " created, " + plan.updates().size() + " updated, "
                + plan.deletes().size() + " deleted; " + desired.values().stream().mapToInt(g -> g.endpoints().size()).sum()
                + " endpoints");
        return Result.DONE;
    }
}
