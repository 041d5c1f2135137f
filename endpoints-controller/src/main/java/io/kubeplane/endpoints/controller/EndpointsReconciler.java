package io.kubeplane.endpoints.controller;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeplane.controller.EventRecorder;
import io.kubeplane.controller.Reconciler;
import io.kubeplane.controller.WriteTracker;
import io.kubeplane.endpoints.desired.DesiredEndpoints;
import io.kubeplane.endpoints.desired.PodRules;
import io.kubeplane.informer.Indexer;
import io.kubeplane.informer.Store;
import io.kubeplane.model.KubernetesJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps each Service's v1 Endpoints equal to {@link DesiredEndpoints}: created, updated (with the
 * resourceVersion it was read at, so a concurrent change makes it try again from fresh state) or
 * deleted with the Service; Services without a selector keep the Endpoints their users write. An
 * Endpoints object that already says the right thing is not written. Keys are {@code namespace/name}.
 */
final class EndpointsReconciler implements Reconciler<String> {

    private final Indexer<Service> services;
    private final Indexer<Pod> pods;
    private final Store<Endpoints> endpoints;
    private final KubernetesClient client;
    private final EventRecorder events;
    private final TriggerTimes triggers;
    private final SyncLog syncLog;
    private final Clock clock;
    private final WriteTracker tracker;
    private final Counter writes;

    EndpointsReconciler(Indexer<Service> services, Indexer<Pod> pods, Store<Endpoints> endpoints, KubernetesClient client,
                        EventRecorder events, TriggerTimes triggers, SyncLog syncLog, Clock clock, MeterRegistry registry) {
        this.services = services;
        this.pods = pods;
        this.endpoints = endpoints;
        this.client = client;
        this.events = events;
        this.triggers = triggers;
        this.syncLog = syncLog;
        this.clock = clock;
        this.tracker = new WriteTracker(clock);
        this.writes = Counter.builder("endpoints.controller.writes").tag("kind", "Endpoints").tag("manager", "endpoint-controller")
                .description("Endpoints creates, updates and deletes").register(registry);
    }

    @Override
    public Result reconcile(String key) {
        Instant started = clock.instant();
        Service service = services.getByKey(key);
        Endpoints current = endpoints.getByKey(key);
        String namespace = key.substring(0, key.indexOf('/'));
        String name = key.substring(key.indexOf('/') + 1);
        Result wait = tracker.waitIfBehind(key, current == null ? List.of() : List.of(current));
        if (wait != null) {
            return wait;
        }
        if (service == null) {
            if (current != null) {
                client.endpoints().inNamespace(namespace).withName(name).delete();
                writes.increment();
                tracker.wrote(key, List.of(), Set.of(name));
                syncLog.endpoints(key, "deleted with its Service");
            }
            return Result.DONE;
        }
        if (!PodRules.hasSelector(service)) {
            return Result.DONE; // written by its users
        }
        DesiredEndpoints.Result desired = DesiredEndpoints.of(service, SelectorIndexes.selectedPods(pods, service));
        Map<String, String> labels = labels(service);
        if (current != null && sameContent(current, desired, labels)) {
            triggers.synced(key, started);
            syncLog.endpoints(key, "unchanged");
            return Result.DONE;
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        if (current != null && current.getMetadata().getAnnotations() != null) {
            annotations.putAll(current.getMetadata().getAnnotations());
        }
        annotations.remove(DesiredEndpoints.OVER_CAPACITY);
        if (desired.truncated()) {
            annotations.put(DesiredEndpoints.OVER_CAPACITY, "truncated");
        }
        Instant trigger = triggers.peek(key);
        if (trigger != null) {
            annotations.put(TriggerTimes.ANNOTATION, DateTimeFormatter.ISO_INSTANT.format(trigger));
        }
        Endpoints wanted = new EndpointsBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).withAnnotations(annotations)
                .withResourceVersion(current == null ? null : current.getMetadata().getResourceVersion()).endMetadata()
                .withSubsets(desired.subsets())
                .build();
        try {
            Endpoints written = current == null ? client.endpoints().inNamespace(namespace).resource(wanted).create()
                    : client.endpoints().inNamespace(namespace).resource(wanted).update();
            writes.increment();
            tracker.wrote(key, List.of(written), Set.of());
        } catch (RuntimeException e) {
            events.warning(service, "FailedToUpdateEndpoint", "Failed to update endpoint " + key + ": " + e.getMessage());
            throw e;
        }
        triggers.synced(key, started);
        syncLog.endpoints(key, (current == null ? "created" : "updated") + " with "
                + desired.subsets().stream().mapToInt(s -> s.getAddresses().size()).sum() + " ready and "
                + desired.subsets().stream().mapToInt(s -> s.getNotReadyAddresses().size()).sum() + " not-ready addresses");
        return Result.DONE;
    }

    /** The Service's labels, plus the headless label for headless Services, as Kubernetes copies them. */
    static Map<String, String> labels(Service service) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (service.getMetadata().getLabels() != null) {
            labels.putAll(service.getMetadata().getLabels());
        }
        if ("None".equals(service.getSpec().getClusterIP())) {
            labels.put("service.kubernetes.io/headless", "");
        }
        return labels;
    }

    private static boolean sameContent(Endpoints current, DesiredEndpoints.Result desired, Map<String, String> labels) {
        Map<String, String> currentLabels = current.getMetadata().getLabels() == null ? Map.of() : current.getMetadata().getLabels();
        Map<String, String> annotations = current.getMetadata().getAnnotations() == null ? Map.of() : current.getMetadata().getAnnotations();
        boolean truncated = "truncated".equals(annotations.get(DesiredEndpoints.OVER_CAPACITY));
        return currentLabels.equals(labels) && truncated == desired.truncated()
               && Objects.equals(KubernetesJson.toTree(current.getSubsets() == null ? List.of() : current.getSubsets()),
                                 KubernetesJson.toTree(desired.subsets()));
    }
}
