package io.kubeplane.proxy.kernel;

import io.kubeplane.proxy.rules.RuleTexts;
import io.kubeplane.proxy.dataplane.DataPlane;
import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.desired.ServicePortName;
import io.kubeplane.proxy.desired.ServicePortRule;
import io.kubeplane.proxy.kernel.CommandRunner.CommandException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The sync algorithm every text-applying data plane shares, kube-proxy's: render everything on a
 * full sync, only the changes on a partial one ({@link SyncSchedule} decides which), apply the text
 * in one call, and remember the state the node now matches. A failed render or apply leaves that
 * state unknown, so the next sync is full. Subclasses only say how a text is applied and removed.
 *
 * <p>{@link #sync} and {@link #close} are called from one thread (the agent's sync loop);
 * {@link #lastApplied} and {@link #currentRules} may be read from any thread (the {@code /rules}
 * view).
 */
public abstract sealed class RuleTextDataPlane implements DataPlane
        permits NftablesDataPlane, IptablesDataPlane, DryRunDataPlane, IpvsDataPlane {

    /** How often a full sync rewrites everything: one hour, kube-proxy's {@code proxyutil.FullSyncPeriod}. */
    public static final Duration DEFAULT_FULL_SYNC_PERIOD = SyncSchedule.DEFAULT_PERIOD;

    /**
     * How long one {@code nft} or {@code iptables-restore} call may run before it is killed. Generous
     * on purpose: a full iptables sync of 4,000 services x 10 endpoints takes 77 s with
     * iptables-nft, and a timeout shorter than the full sync would fail every retry. Killing a
     * restore is safe (each call is one transaction), only pointless.
     */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(5);

    private final RuleTexts texts;
    private final SyncSchedule schedule;
    private final Clock clock;
    private volatile @Nullable ProxyState synced;
    private volatile @Nullable AppliedRules lastApplied;

    RuleTextDataPlane(RuleTexts texts, Clock clock, Duration fullSyncPeriod) {
        this.texts = texts;
        this.clock = clock;
        this.schedule = new SyncSchedule(clock, fullSyncPeriod);
    }

    /** Applies a full text (replacing whatever this data plane programmed before) or a change text. */
    abstract void apply(String text, boolean full) throws CommandException;

    /** Removes everything with the renderer's cleanup text; must succeed when nothing is there. */
    abstract void remove(String cleanupText) throws CommandException;

    /** Why this data plane cannot apply rules on this node at all, or null when it can. */
    @Nullable String unavailable() {
        return null;
    }

    @Override
    public final SyncResult sync(ProxyState state) throws SyncException {
        ProxyState previous = synced;
        boolean full = previous == null || schedule.fullDue();
        long start = System.nanoTime();
        String text;
        try {
            text = full || previous == null ? texts.full(state) : texts.changes(previous, state);
        } catch (RuntimeException e) {
            schedule.failed();
            throw new SyncException(mode() + ": cannot render the rules: " + e.getMessage(), e);
        }
        int changed = previous == null || full ? state.ports().size() : changedPorts(previous, state);
        if (!full && text.isBlank()) {
            synced = state;
            return new SyncResult(false, 0, mode() + ": nothing changed");
        }
        String unavailable = unavailable();
        if (unavailable != null) {
            // Keep the text for the /rules view: rendering is all this node allows.
            lastApplied = new AppliedRules(text, full, clock.instant(), Duration.ofNanos(System.nanoTime() - start),
                    Duration.ZERO);
            throw new SyncException(mode() + ": " + unavailable);
        }
        long rendered = System.nanoTime();
        try {
            apply(text, full);
        } catch (CommandException e) {
            schedule.failed();
            synced = null;
            throw new SyncException(mode() + ": " + (full ? "full" : "partial") + " sync failed, the next is full: "
                                    + e.getMessage(), e);
        }
        long applied = System.nanoTime();
        synced = state;
        schedule.succeeded(full);
        lastApplied = new AppliedRules(text, full, clock.instant(), Duration.ofNanos(rendered - start),
                Duration.ofNanos(applied - rendered));
        return new SyncResult(full, changed, "%s: %s sync, %d service ports, %d bytes, rendered in %s ms, applied in %s ms"
                .formatted(mode(), full ? "full" : "partial", changed, text.length(), millis(rendered - start),
                        millis(applied - rendered)));
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /**
     * Removes everything; afterwards the next {@link #sync} starts over with a full one.
     *
     * @throws IllegalStateException when the rules could not be removed; the message says why
     */
    @Override
    public final void close() {
        try {
            remove(texts.cleanup());
        } catch (CommandException e) {
            throw new IllegalStateException(mode() + ": cannot remove the rules: " + e.getMessage(), e);
        } finally {
            synced = null;
            schedule.reset();
        }
    }

    /** The text of the last successful sync, full or partial; null before the first. */
    public final @Nullable AppliedRules lastApplied() {
        return lastApplied;
    }

    /** The full text for the state the node matches now (rendered on demand); null when unknown. */
    public final @Nullable String currentRules() {
        ProxyState state = synced;
        return state == null ? null : texts.full(state);
    }

    /** The state the node matches since the last successful sync; null when unknown. */
    public final @Nullable ProxyState syncedState() {
        return synced;
    }

    /** Service ports added, removed, or whose rule differs. */
    static int changedPorts(ProxyState previous, ProxyState current) {
        return current.changedSince(previous).size();
    }

    /**
     * What a sync applied.
     *
     * @param text the text handed to {@code nft -f} or {@code iptables-restore}, or rendered only
     * @param full whether it was a full sync
     * @param at         when it was applied
     * @param renderTime how long rendering took
     * @param applyTime  how long {@code nft}, {@code iptables-restore} (with its helpers) ran; zero when
     *                   nothing was applied
     */
    public record AppliedRules(String text, boolean full, Instant at, Duration renderTime, Duration applyTime) {
    }
}
