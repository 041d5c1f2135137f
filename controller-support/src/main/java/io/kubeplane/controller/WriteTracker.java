package io.kubeplane.controller;

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
import org.jspecify.annotations.Nullable;

/**
 * What a controller wrote for each key (a Service, a Deployment) and has not seen come back through
 * its informer yet, as Kubernetes' endpointslice tracker and ReplicaSet expectations keep it: until
 * the cache holds every written object at (at least) the written resourceVersion and none of the
 * deleted ones, a reconcile would plan from stale state and write twice, so it waits instead.
 * Thread-safe.
 */
public final class WriteTracker {

    private record Expectation(Map<String, Long> written, Set<String> deleted, Instant since) {
    }

    /** How long to poll quickly for the informer to catch up before backing off. */
    private static final Duration CATCH_UP = Duration.ofSeconds(2);

    private final Map<String, Expectation> expectations = new ConcurrentHashMap<>();
    private final Clock clock;

    public WriteTracker(Clock clock) {
        this.clock = clock;
    }

    /** Notes the objects written (as the server returned them) and the names deleted for {@code key}. */
    public void wrote(String key, List<? extends HasMetadata> written, Set<String> deleted) {
        Map<String, Long> versions = new HashMap<>();
        for (HasMetadata object : written) {
            versions.put(object.getMetadata().getName(), version(object));
        }
        expectations.put(key, new Expectation(versions, new HashSet<>(deleted), clock.instant()));
    }

    /**
     * Whether the cache is behind this controller's last writes for {@code key}; once it has
     * caught up the expectation is dropped.
     */
    public boolean behind(String key, List<? extends HasMetadata> cached) {
        Expectation expected = expectations.get(key);
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
            expectations.remove(key, expected);
        }
        return behind;
    }

    /**
     * What a reconcile of {@code key} returns instead of planning while the cache is behind:
     * a quick retry for the first seconds (the write is usually back within milliseconds), then the
     * key's backoff (Kafka may be down); null when the cache has caught up.
     */
    public Reconciler.@Nullable Result waitIfBehind(String key, List<? extends HasMetadata> cached) {
        if (!behind(key, cached)) {
            return null;
        }
        Expectation expected = expectations.get(key);
        Duration behindFor = expected == null ? Duration.ZERO : Duration.between(expected.since(), clock.instant());
        return behindFor.compareTo(CATCH_UP) < 0 ? Reconciler.Result.requeueAfter(Duration.ofMillis(20)) : Reconciler.Result.BACKOFF;
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
