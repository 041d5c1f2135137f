package io.kubeplane.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * client-go's event spam filter: per object, event type and reason, a token bucket of 25 events
 * that refills one every five minutes. A ReplicaSet creating a thousand pods records its first 25
 * SuccessfulCreate events, as on a cluster, instead of a thousand writes. Thread-safe.
 */
final class EventSpamFilter {

    static final int BURST = 25;
    static final Duration REFILL = Duration.ofMinutes(5);
    private static final int REMEMBERED = 4096;

    private record Bucket(double tokens, Instant at) {
    }

    private final Map<String, Bucket> buckets = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Whether one more event under {@code key} may be written at {@code now}; takes its token if so. */
    synchronized boolean allow(String key, Instant now) {
        Bucket bucket = buckets.get(key);
        double tokens = BURST;
        if (bucket != null) {
            double refilled = (double) Duration.between(bucket.at(), now).toMillis() / REFILL.toMillis();
            tokens = Math.min(BURST, bucket.tokens() + Math.max(0, refilled));
        }
        if (tokens < 1) {
            buckets.put(key, new Bucket(tokens, now));
            return false;
        }
        buckets.put(key, new Bucket(tokens - 1, now));
        return true;
    }
}
