package io.kubeplane.proxy.kernel;

import io.kubeplane.proxy.rules.RuleTexts;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code --mode dry-run}: renders exactly what a kernel data plane would apply, full and partial
 * texts alike, and applies nothing; {@link #lastApplied} holds the last text. For trying the agent
 * on a machine where it must not touch the rules, and for the {@code /rules} view.
 *
 * <p>Thread-safety as {@link RuleTextDataPlane}.
 */
public final class DryRunDataPlane extends RuleTextDataPlane {

    public static final String MODE = "dry-run";

    /**
     * @param texts          the renderer whose texts to compute (nftables or iptables)
     * @param clock          when texts were "applied", and when a full sync is due
     * @param fullSyncPeriod how often a full text is rendered instead of the changes
     */
    public DryRunDataPlane(RuleTexts texts, Clock clock, Duration fullSyncPeriod) {
        super(texts, clock, fullSyncPeriod);
    }

    /** The agent's constructor: a full text every {@link #DEFAULT_FULL_SYNC_PERIOD}, changes in between. */
    public DryRunDataPlane(RuleTexts texts, Clock clock) {
        this(texts, clock, DEFAULT_FULL_SYNC_PERIOD);
    }

    @Override
    public String mode() {
        return MODE;
    }

    @Override
    void apply(String text, boolean full) {
        // nothing is applied
    }

    @Override
    void remove(String cleanupText) {
        // nothing was applied
    }
}
