package io.kubeplane.proxy.kernel;

import io.kubeplane.proxy.rules.RuleTexts;
import io.kubeplane.proxy.kernel.CommandRunner.CommandException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code --mode nftables}: programs kube-proxy's {@code table ip kube-proxy} with {@code nft -f -},
 * one transaction per sync. A full sync deletes and re-creates the table in that one transaction,
 * so nothing of an earlier ruleset survives and the kernel never shows half of either; a partial
 * sync applies only the renderer's changes. {@link #close()} deletes the table.
 *
 * <p>Thread-safety as {@link RuleTextDataPlane}.
 */
public final class NftablesDataPlane extends RuleTextDataPlane {

    public static final String MODE = "nftables";

    private final CommandRunner runner;

    /**
     * @param texts          the nftables renderer's texts
     * @param runner         runs {@code nft}, in the node's namespace
     * @param clock          when a full sync is due
     * @param fullSyncPeriod how often everything is rewritten ({@link #DEFAULT_FULL_SYNC_PERIOD})
     */
    public NftablesDataPlane(RuleTexts texts, CommandRunner runner, Clock clock, Duration fullSyncPeriod) {
        super(texts, clock, fullSyncPeriod);
        this.runner = runner;
    }

    /**
     * The agent's constructor: {@code nft} in {@code netns} (null for the agent's own namespace),
     * full resync every {@link #DEFAULT_FULL_SYNC_PERIOD}.
     */
    public NftablesDataPlane(RuleTexts texts, @Nullable String netns, Clock clock) {
        this(texts, new CommandRunner(netns, DEFAULT_COMMAND_TIMEOUT), clock, DEFAULT_FULL_SYNC_PERIOD);
    }

    @Override
    public String mode() {
        return MODE;
    }

    @Override
    void apply(String text, boolean full) throws CommandException {
        runner.run(List.of("nft", "-f", "-"), text);
    }

    @Override
    void remove(String cleanupText) throws CommandException {
        runner.run(List.of("nft", "-f", "-"), cleanupText);
    }
}
