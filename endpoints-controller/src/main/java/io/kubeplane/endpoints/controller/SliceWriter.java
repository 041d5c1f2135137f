package io.kubeplane.endpoints.controller;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeplane.controller.Reconciler;
import io.kubeplane.controller.WriteTracker;
import io.kubeplane.endpoints.desired.SlicePlan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Carries out a {@link SlicePlan} through the api-server for one slice manager (the endpointslice
 * or the mirroring controller): updates with the resourceVersion they were read at, creates,
 * deletes, each written slice stamped with the trigger time; and remembers what it wrote, so the
 * next reconcile of the same Service waits for the informer to catch up instead of planning from
 * stale state. Thread-safe.
 */
final class SliceWriter {

    private final KubernetesClient client;
    private final WriteTracker tracker;
    private final Counter writes;

    SliceWriter(KubernetesClient client, String manager, Clock clock, MeterRegistry registry) {
        this.client = client;
        this.tracker = new WriteTracker(clock);
        this.writes = Counter.builder("endpoints.controller.writes").tag("kind", "EndpointSlice").tag("manager", manager)
                .description("EndpointSlice creates, updates and deletes").register(registry);
    }

    /** What to return instead of reconciling while the informer lags behind this writer; null when it does not. */
    Reconciler.@Nullable Result waitIfBehind(String serviceKey, List<EndpointSlice> cached) {
        return tracker.waitIfBehind(serviceKey, cached);
    }

    /** Writes the plan; what got written before a failure is remembered too. */
    void apply(String serviceKey, String namespace, SlicePlan plan, @Nullable Instant trigger) {
        List<EndpointSlice> written = new ArrayList<>();
        Set<String> deleted = new HashSet<>();
        try {
            for (EndpointSlice slice : plan.updates()) {
                written.add(client.discovery().v1().endpointSlices().inNamespace(namespace).resource(stamp(slice, trigger)).update());
                writes.increment();
            }
            for (EndpointSlice slice : plan.creates()) {
                written.add(client.discovery().v1().endpointSlices().inNamespace(namespace).resource(stamp(slice, trigger)).create());
                writes.increment();
            }
            for (EndpointSlice slice : plan.deletes()) {
                client.discovery().v1().endpointSlices().inNamespace(namespace).withName(slice.getMetadata().getName()).delete();
                deleted.add(slice.getMetadata().getName());
                writes.increment();
            }
        } finally {
            tracker.wrote(serviceKey, written, deleted);
        }
    }

    private static EndpointSlice stamp(EndpointSlice slice, @Nullable Instant trigger) {
        if (trigger != null) {
            Map<String, String> annotations = new LinkedHashMap<>();
            if (slice.getMetadata().getAnnotations() != null) {
                annotations.putAll(slice.getMetadata().getAnnotations());
            }
            annotations.put(TriggerTimes.ANNOTATION, DateTimeFormatter.ISO_INSTANT.format(trigger));
            slice.getMetadata().setAnnotations(annotations);
        }
        return slice;
    }
}
