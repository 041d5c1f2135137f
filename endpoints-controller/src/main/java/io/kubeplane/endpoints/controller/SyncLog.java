package io.kubeplane.endpoints.controller;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the controllers last did for each Service and when, for the HTTP view. Thread-safe.
 */
public final class SyncLog {

    /**
     * @param at     when
     * @param action what happened, e.g. {@code updated with 3 ready and 0 not-ready addresses}
     */
    public record Entry(Instant at, String action) {
    }

    private final Map<String, Entry> endpoints = new ConcurrentHashMap<>();
    private final Map<String, Entry> slices = new ConcurrentHashMap<>();
    private final Clock clock;

    SyncLog(Clock clock) {
        this.clock = clock;
    }

    void endpoints(String serviceKey, String action) {
        endpoints.put(serviceKey, new Entry(clock.instant(), action));
    }

    void slices(String serviceKey, String action) {
        slices.put(serviceKey, new Entry(clock.instant(), action));
    }

    public Optional<Entry> lastEndpointsSync(String serviceKey) {
        return Optional.ofNullable(endpoints.get(serviceKey));
    }

    public Optional<Entry> lastSliceSync(String serviceKey) {
        return Optional.ofNullable(slices.get(serviceKey));
    }
}
