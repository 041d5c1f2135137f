package io.kubeplane.endpoints.controller;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeplane.controller.Reconciler;
import io.kubeplane.endpoints.desired.DesiredSlices;
import io.kubeplane.endpoints.desired.MirroredSlices;
import io.kubeplane.endpoints.desired.SlicePlan;
import io.kubeplane.informer.Indexer;
import io.kubeplane.informer.Indexers;
import io.kubeplane.informer.Store;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Mirrors the Endpoints users write for Services without a selector into EndpointSlices, so that
 * everything reading slices (the proxy agents, the DNS) sees them too; the mirrored slices go when
 * the Endpoints or the Service go, or the Service gains a selector. Keys are {@code namespace/name}.
 */
final class MirroringReconciler implements Reconciler<String> {

    private final Store<Service> services;
    private final Store<Endpoints> endpoints;
    private final Indexer<EndpointSlice> slices;
    private final SliceWriter writer;
    private final SyncLog syncLog;
    private final int maxEndpointsPerSlice;

    MirroringReconciler(Store<Service> services, Store<Endpoints> endpoints, Indexer<EndpointSlice> slices,
                        KubernetesClient client, SyncLog syncLog, Clock clock, int maxEndpointsPerSlice, MeterRegistry registry) {
        this.services = services;
        this.endpoints = endpoints;
        this.slices = slices;
        this.writer = new SliceWriter(client, MirroredSlices.MANAGED_BY, clock, registry);
        this.syncLog = syncLog;
        this.maxEndpointsPerSlice = maxEndpointsPerSlice;
    }

    @Override
    public Result reconcile(String key) {
        String namespace = key.substring(0, key.indexOf('/'));
        String name = key.substring(key.indexOf('/') + 1);
        List<EndpointSlice> existing = slices.byIndex(Indexers.LABELS, Indexers.labelValue(SlicePlan.SERVICE_NAME_LABEL, name))
                .stream().filter(s -> namespace.equals(s.getMetadata().getNamespace()))
                .filter(s -> MirroredSlices.MANAGED_BY.equals(s.getMetadata().getLabels().get(SlicePlan.MANAGED_BY_LABEL)))
                .toList();
        Result wait = writer.waitIfBehind(key, existing);
        if (wait != null) {
            return wait;
        }
        Service service = services.getByKey(key);
        Endpoints written = endpoints.getByKey(key);
        if (service == null || written == null || !MirroredSlices.mirrors(service, written)) {
            if (!existing.isEmpty()) {
                writer.apply(key, namespace, new SlicePlan(List.of(), List.of(), existing), null);
                syncLog.slices(key, "removed " + existing.size() + " mirrored slice(s)");
            }
            return Result.DONE;
        }
        Map<String, DesiredSlices.Group> desired = MirroredSlices.of(written);
        SlicePlan plan = SlicePlan.of(MirroredSlices.target(written), desired, existing, maxEndpointsPerSlice);
        if (!plan.isEmpty()) {
            writer.apply(key, namespace, plan, null);
            syncLog.slices(key, "mirrored from Endpoints: " + plan.creates().size() + " created, " + plan.updates().size()
                    + " updated, " + plan.deletes().size() + " deleted");
        }
        return Result.DONE;
    }
}
