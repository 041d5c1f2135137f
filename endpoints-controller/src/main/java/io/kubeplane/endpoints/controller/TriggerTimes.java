package io.kubeplane.endpoints.controller;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * When the changes a Service's next write answers began: the earliest change seen since its last
 * sync, as kube-controller-manager's trigger-time tracker keeps it, for the
 * {@code endpoints.kubernetes.io/last-change-trigger-time} annotation. A change is timed when its
 * event reaches the controller. Thread-safe.
 */
final class TriggerTimes {

    public static final String ANNOTATION = "endpoints.kubernetes.io/last-change-trigger-time";

    private final Map<String, Instant> pending = new ConcurrentHashMap<>();

    void changed(String serviceKey, Instant at) {
        pending.merge(serviceKey, at, (a, b) -> a.isBefore(b) ? a : b);
    }

    /** The earliest pending change, left pending until {@link #synced}. */
    @Nullable Instant peek(String serviceKey) {
        return pending.get(serviceKey);
    }

    /** The Service was written (or found right) as of {@code at}: changes up to then are answered. */
    void synced(String serviceKey, Instant at) {
        pending.computeIfPresent(serviceKey, (k, t) -> t.isAfter(at) ? t : null);
    }
}
