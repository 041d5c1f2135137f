package io.kubeplane.proxy.kernel;

import io.kubeplane.proxy.rules.IptablesRules;
import io.kubeplane.proxy.rules.IptablesRules.Jump;
import io.kubeplane.proxy.rules.RuleTexts;
import io.kubeplane.proxy.kernel.CommandRunner.CommandException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code --mode iptables}: programs kube-proxy's chains in the {@code filter} and {@code nat}
 * tables with {@code iptables-restore --noflush}, so rules of others (kubelet, a CNI, a firewall)
 * stay. One sync is one restore transaction:
 *
 * <ul>
 *   <li>full: the renderer's whole text, plus the deletion of per-service chains an earlier sync
 *       made that the text no longer declares (found with {@code iptables-save}, as kube-proxy
 *       does); then the jumps from the built-in chains are made where missing, once each,
 *       first in their chain ({@code iptables -C}, else {@code -I});</li>
 *   <li>partial: only the renderer's changes.</li>
 * </ul>
 *
 * {@link #close()} deletes the jumps, then every kube-proxy chain. Every call passes {@code -w},
 * waiting for the xtables lock other programs on the node may hold.
 *
 * <p>Thread-safety as {@link RuleTextDataPlane}.
 */
public final class IptablesDataPlane extends RuleTextDataPlane {

    public static final String MODE = "iptables";

    /** Seconds to wait for the xtables lock. */
    private static final String LOCK_WAIT = "5";

    private final CommandRunner runner;
    private final List<Jump> jumps;

    /**
     * @param texts          the iptables renderer's texts
     * @param runner         runs the iptables tools, in the node's namespace
     * @param clock          when a full sync is due
     * @param fullSyncPeriod how often everything is rewritten ({@link #DEFAULT_FULL_SYNC_PERIOD})
     * @param jumps          the jumps from the built-in chains, normally {@link IptablesRules#JUMPS}
     */
    public IptablesDataPlane(RuleTexts texts, CommandRunner runner, Clock clock, Duration fullSyncPeriod,
                             List<Jump> jumps) {
        super(texts, clock, fullSyncPeriod);
        this.runner = runner;
        this.jumps = List.copyOf(jumps);
    }

    /**
     * The agent's constructor: the iptables tools in {@code netns} (null for the agent's own
     * namespace), kube-proxy's jumps, full resync every {@link #DEFAULT_FULL_SYNC_PERIOD}.
     */
    public IptablesDataPlane(RuleTexts texts, @Nullable String netns, Clock clock) {
        this(texts, new CommandRunner(netns, DEFAULT_COMMAND_TIMEOUT), clock, DEFAULT_FULL_SYNC_PERIOD,
                IptablesRules.JUMPS);
    }

    @Override
    public String mode() {
        return MODE;
    }

    @Override
    void apply(String text, boolean full) throws CommandException {
        if (!full) {
            restore(text);
            return;
        }
        restore(IptablesText.withStaleChainsDeleted(text, save()));
        var declared = IptablesText.chains(text);
        for (Jump jump : jumps) {
            if (declared.getOrDefault(jump.table(), java.util.Collections.emptySortedSet()).contains(jump.to())
                && !exists(jump)) {
                iptables(jump.table(), "-I", jump.chain(), jump.argv());
            }
        }
    }

    @Override
    void remove(String cleanupText) throws CommandException {
        for (Jump jump : jumps) {
            // -D removes one copy; someone may have added the same jump twice
            while (exists(jump)) {
                iptables(jump.table(), "-D", jump.chain(), jump.argv());
            }
        }
        Map<String, Set<String>> fixed = new HashMap<>();
        IptablesText.chains(cleanupText).forEach((table, chains) -> fixed.computeIfAbsent(table, t -> new HashSet<>())
                .addAll(chains));
        jumps.forEach(j -> fixed.computeIfAbsent(j.table(), t -> new HashSet<>()).add(j.to()));
        String delete = IptablesText.deleteChains(save(), fixed);
        if (!delete.isEmpty()) {
            restore(delete);
        }
    }

    private boolean exists(Jump jump) throws CommandException {
        try {
            iptables(jump.table(), "-C", jump.chain(), jump.argv());
            return true;
        } catch (CommandException e) {
            // 1: no such rule; 2: the target chain does not exist (so neither does the rule)
            if (e.exitCode() == 1 || e.exitCode() == 2) {
                return false;
            }
            throw e;
        }
    }

    private void iptables(String table, String op, String chain, List<String> rule) throws CommandException {
        List<String> argv = new ArrayList<>(List.of("iptables", "-w", LOCK_WAIT, "-t", table, op, chain));
        argv.addAll(rule);
        runner.run(argv);
    }

    private void restore(String text) throws CommandException {
        runner.run(List.of("iptables-restore", "-w", LOCK_WAIT, "--noflush"), text);
    }

    private String save() throws CommandException {
        return runner.run(List.of("iptables-save")).stdout();
    }
}
