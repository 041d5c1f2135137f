package io.kubeplane.proxy.userspace;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * ClientIP session affinity of one service port: client IP to the endpoint it last used, until
 * {@code affinitySeconds} pass without a new connection (kube-proxy's {@code recent} list and IPVS
 * persistence both count from the last connection). Thread-safe.
 */
final class AffinityTable {

    private record Entry(String endpoint, long expiresAt) {
    }

    private final Map<String, Entry> byClient = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    AffinityTable(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** The endpoint address {@code clientIp} sticks to, or none when it has none or it expired. */
    @Nullable String get(String clientIp) {
        Entry e = byClient.get(clientIp);
        if (e == null) {
            return null;
        }
        if (e.expiresAt - nanoClock.getAsLong() <= 0) {
            byClient.remove(clientIp, e);
            return null;
        }
        return e.endpoint;
    }

    void put(String clientIp, String endpoint, int affinitySeconds) {
        byClient.put(clientIp, new Entry(endpoint, nanoClock.getAsLong() + affinitySeconds * 1_000_000_000L));
    }

    /** Forgets expired entries; the data plane calls it at every sync. */
    void expire() {
        long now = nanoClock.getAsLong();
        byClient.values().removeIf(e -> e.expiresAt - now <= 0);
    }

    int size() {
        return byClient.size();
    }
}
