package io.kubeplane.endpoints.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this controller wrote for each Service and has not seen come back through its informer yet,
 * as the endpointslice controller's tracker keeps it: until the cache holds every written object at
 * (at least) the written resourceVersion and none of the deleted ones, a reconcile would plan from
 * stale state and write twice, so it waits instead. Thread-safe.
 */
final class WriteTracker {

    private record Expectation(Map<String, Long> written, Set<String> deleted, Instant since) {
    }

    private final Map<String, Expectation> expectations = new ConcurrentHashMap<>();
    private final Clock clock;

    WriteTracker(Clock clock) {
        this.clock = clock;
    }

    /** Notes the objects written (as the server returned them) and the names deleted for {@code serviceKey}. */
    void wrote(String serviceKey, List<? extends HasMetadata> written, Set<String> deleted) {
        Map<String, Long> versions = new HashMap<>();
        for (HasMetadata object : written) {
            versions.put(object.getMetadata().getName(), version(object));
        }
        expectations.put(serviceKey, new Expectation(versions, new HashSet<>(deleted), clock.instant()));
    }

    /**
     * Whether the cache is behind this controller's last writes for {@code serviceKey}; once it has
     * caught up the expectation is dropped.
     */
    boolean behind(String serviceKey, List<? extends HasMetadata> cached) {
        Expectation expected = expectations.get(serviceKey);
        if (expected == null) {
            return false;
        }
        Map<String, Long> seen = new HashMap<>();
        for (HasMetadata object : cached) {
            seen.put(object.getMetadata().getName(), version(object));
        }
        boolean behind = expected.deleted().stream().anyMatch(seen::containsKey)
                         || expected.written().entrySet().stream().anyMatch(e -> seen.getOrDefault(e.getKey(), -1L) < e.getValue());
        if (!behind) {
            expectations.remove(serviceKey, expected);
        }
        return behind;
    }

    /** How long the cache has been behind for {@code serviceKey}. */
    Duration behindFor(String serviceKey) {
        Expectation expected = expectations.get(serviceKey);
        return expected == null ? Duration.ZERO : Duration.between(expected.since(), clock.instant());
    }

    void forget(String serviceKey) {
        expectations.remove(serviceKey);
    }

    private static long version(HasMetadata object) {
        String rv = object.getMetadata().getResourceVersion();
        try {
            return rv == null ? 0 : Long.parseLong(rv);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
