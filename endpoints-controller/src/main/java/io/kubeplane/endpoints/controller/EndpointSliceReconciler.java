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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps each Service's EndpointSlices equal to {@link DesiredSlices}, writing what {@link SlicePlan}
 * says and nothing more: creates, updates with the resourceVersion they were read at (a 409 makes
 * the Service try again from fresh state), deletes; every written slice carries the trigger-time
 * annotation. A deleted Service's slices are deleted; a Service without a selector is left alone.
 * Keys are {@code namespace/name}.
 */
final class EndpointSliceReconciler implements Reconciler<String> {

    static final String MANAGED_BY = "endpointslice-controller.k8s.io";
    /** How long to poll quickly for the informer to catch up with this controller's writes before backing off. */
    private static final Duration CATCH_UP = Duration.ofSeconds(2);

    private final Indexer<Service> services;
    private final Indexer<Pod> pods;
    private final Store<Node> nodes;
    private final Indexer<EndpointSlice> slices;
    private final KubernetesClient client;
    private final EventRecorder events;
    private final TriggerTimes triggers;
    private final SyncLog syncLog;
    private final Clock clock;
    private final int maxEndpointsPerSlice;
    private final Counter writes;
    private final WriteTracker tracker;

    EndpointSliceReconciler(Indexer<Service> services, Indexer<Pod> pods, Store<Node> nodes, Indexer<EndpointSlice> slices,
                            KubernetesClient client, EventRecorder events, TriggerTimes triggers, SyncLog syncLog,
                            Clock clock, int maxEndpointsPerSlice, MeterRegistry registry) {
        this.services = services;
        this.pods = pods;
        this.nodes = nodes;
        this.slices = slices;
        this.client = client;
        this.events = events;
        this.triggers = triggers;
        this.syncLog = syncLog;
        this.clock = clock;
        this.maxEndpointsPerSlice = maxEndpointsPerSlice;
        this.tracker = new WriteTracker(clock);
        this.writes = Counter.builder("endpoints.controller.writes").tag("kind", "EndpointSlice")
                .description("EndpointSlice creates, updates and deletes").register(registry);
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
        if (tracker.behind(key, existing)) {
            // Our last writes have not come back through the informer: planning now would write twice.
            return tracker.behindFor(key).compareTo(CATCH_UP) < 0 ? Result.requeueAfter(Duration.ofMillis(20)) : Result.BACKOFF;
        }
        if (service == null) {
            for (EndpointSlice slice : existing) {
                delete(slice);
            }
            if (!existing.isEmpty()) {
                syncLog.slices(key, "deleted " + existing.size() + " slice(s) with the Service");
            }
            return Result.DONE;
        }
        if (!PodRules.hasSelector(service)) {
            return Result.DONE;
        }
        var desired = DesiredSlices.of(service, pods.byIndex(Indexers.NAMESPACE, namespace), nodeName -> nodes.get(null, nodeName));
        SlicePlan plan = SlicePlan.of(service, desired, existing, maxEndpointsPerSlice, MANAGED_BY);
        if (plan.isEmpty()) {
            triggers.synced(key, started);
            syncLog.slices(key, "unchanged");
            return Result.DONE;
        }
        Instant trigger = triggers.peek(key);
        List<EndpointSlice> written = new ArrayList<>();
        Set<String> deleted = new HashSet<>();
        try {
            for (EndpointSlice slice : plan.updates()) {
                stamp(slice, trigger);
                written.add(client.discovery().v1().endpointSlices().inNamespace(namespace).resource(slice).update());
                writes.increment();
            }
            for (EndpointSlice slice : plan.creates()) {
                stamp(slice, trigger);
                written.add(client.discovery().v1().endpointSlices().inNamespace(namespace).resource(slice).create());
                writes.increment();
            }
            for (EndpointSlice slice : plan.deletes()) {
                delete(slice);
                deleted.add(slice.getMetadata().getName());
            }
        } catch (KubernetesClientException e) {
            tracker.wrote(key, written, deleted);
            if (e.getCode() != 409) {
                events.warning(service, "FailedToUpdateEndpointSlices", "Error updating Endpoint Slices for Service "
                        + key + ": " + e.getMessage());
            }
            throw e;
        }
        tracker.wrote(key, written, deleted);
        triggers.synced(key, started);
        syncLog.slices(key, plan.creates().size() + " created, " + plan.updates().size() + " updated, "
                + plan.deletes().size() + " deleted; " + desired.values().stream().mapToInt(g -> g.endpoints().size()).sum()
                + " endpoints");
        return Result.DONE;
    }

    private void delete(EndpointSlice slice) {
        client.discovery().v1().endpointSlices().inNamespace(slice.getMetadata().getNamespace())
                .withName(slice.getMetadata().getName()).delete();
        writes.increment();
    }

    private static void stamp(EndpointSlice slice, Instant trigger) {
        if (trigger == null) {
            return;
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        if (slice.getMetadata().getAnnotations() != null) {
            annotations.putAll(slice.getMetadata().getAnnotations());
        }
        annotations.put(TriggerTimes.ANNOTATION, DateTimeFormatter.ISO_INSTANT.format(trigger));
        slice.getMetadata().setAnnotations(annotations);
    }
}
