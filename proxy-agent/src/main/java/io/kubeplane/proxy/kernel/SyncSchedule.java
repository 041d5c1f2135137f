package io.kubeplane.proxy.kernel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether the next sync rewrites everything or applies only the changes, as kube-proxy's
 * iptables and nftables proxiers do: full on the first sync, after any failed sync (the node's
 * rules are then unknown), and once {@link #period} has passed since the last full sync (kube-proxy
 * hard-codes one hour, {@code proxyutil.FullSyncPeriod}); partial otherwise. The periodic full sync
 * repairs rules someone else changed or deleted.
 *
 * <p>Not thread-safe: owned by one data plane, which syncs from one thread.
 */
final class SyncSchedule {

    /** kube-proxy's full-resync period. */
    static final Duration DEFAULT_PERIOD = Duration.ofHours(1);

    private final Clock clock;
    private final Duration period;
    private @Nullable Instant lastFull;
    private boolean failed;

    SyncSchedule(Clock clock, Duration period) {
        if (period.isNegative()) {
            throw new IllegalArgumentException("full-sync period must not be negative, was " + period);
        }
        this.clock = clock;
        this.period = period;
    }

    Duration period() {
        return period;
    }

    /** Whether the next sync must be full; a zero period makes every sync full. */
    boolean fullDue() {
        return lastFull == null || failed || !clock.instant().isBefore(lastFull.plus(period));
    }

    void succeeded(boolean full) {
        failed = false;
        if (full) {
            lastFull = clock.instant();
        }
    }

    void failed() {
        failed = true;
    }

    /** After {@code close()}: the rules are gone, so whatever comes next starts over with a full sync. */
    void reset() {
        lastFull = null;
        failed = false;
    }
}
