package io.kubeplane.proxy.sync;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The network programming latency SLI's start times: each EndpointSlice change carries the
 * {@code endpoints.kubernetes.io/last-change-trigger-time} the endpoints controller stamped on it;
 * the change is programmed when the next sync that saw it completes. Collected from informer
 * threads, drained by the sync thread. Thread-safe.
 */
final class ProgrammingLatency {

    static final String TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time";

    static final String SERVICE_NAME = "kubernetes.io/service-name";

    /** A change to program: the Service ({@code namespace/name}) and when its endpoints changed. */
    record Trigger(String service, Instant at) {
    }

    private final List<Trigger> pending = new ArrayList<>(); // guarded by this

    /** Notes the trigger time of a changed slice, if it has one. */
    void changed(EndpointSlice slice) {
        Map<String, String> annotations = slice.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(TRIGGER_TIME);
        Map<String, String> labels = slice.getMetadata().getLabels();
        String service = labels == null ? null : labels.get(SERVICE_NAME);
        if (value == null || service == null) {
            return;
        }
        try {
            Trigger trigger = new Trigger(slice.getMetadata().getNamespace() + "/" + service, Instant.parse(value));
            synchronized (this) {
                pending.add(trigger);
            }
        } catch (DateTimeParseException e) {
            // Not ours to judge: a slice written by another controller may carry anything.
        }
    }

    /** The triggers seen so far, forgotten here: the caller's sync is about to answer them. */
    synchronized List<Trigger> drain() {
        List<Trigger> taken = List.copyOf(pending);
        pending.clear();
        return taken;
    }

    /** Gives back triggers whose sync failed, so the next sync answers them. */
    synchronized void restore(List<Trigger> triggers) {
        pending.addAll(triggers);
    }
}
