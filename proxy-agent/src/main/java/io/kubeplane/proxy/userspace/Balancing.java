package io.kubeplane.proxy.userspace;

import io.kubeplane.proxy.desired.Endpoint;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * How a connection without a sticky endpoint gets one ({@code kubeplane.agent.proxy.balancing}):
 * uniformly at random (iptables and nftables modes), in turn (IPVS {@code rr}), or the endpoint with
 * the fewest open connections, ties taken in turn (IPVS {@code lc}). Pure; thread-safe.
 */
public enum Balancing {
    RANDOM("random"), ROUND_ROBIN("round-robin"), LEAST_CONNECTIONS("least-connections");

    private final String text;

    Balancing(String text) {
        this.text = text;
    }

    public static Balancing parse(String text) {
        for (Balancing b : values()) {
            if (b.text.equals(text)) {
                return b;
            }
        }
        throw new IllegalArgumentException("balancing must be random, round-robin or least-connections, was " + text);
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * Picks one of {@code endpoints} not in {@code excluded} (addresses already tried), or none.
     *
     * @param turn   the service port's counter, advanced by round-robin and by least-connections ties
     * @param active an endpoint's open connections
     */
    @Nullable Endpoint pick(List<Endpoint> endpoints, Set<String> excluded, AtomicInteger turn,
                            ToIntFunction<Endpoint> active) {
        int n = endpoints.size();
        if (n == 0) {
            return null;
        }
        int start = switch (this) {
            case RANDOM -> ThreadLocalRandom.current().nextInt(n);
            case ROUND_ROBIN, LEAST_CONNECTIONS -> Math.floorMod(turn.getAndIncrement(), n);
        };
        Endpoint best = null;
        int fewest = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            Endpoint e = endpoints.get((start + i) % n);
            if (excluded.contains(e.address())) {
                continue;
            }
            if (this != LEAST_CONNECTIONS) {
                return e;
            }
            int count = active.applyAsInt(e);
            if (count < fewest) {
                best = e;
                fewest = count;
            }
        }
        return best;
    }
}
