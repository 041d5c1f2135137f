package io.kubeplane.proxy.kernel;

import io.kubeplane.proxy.kernel.CommandRunner.CommandException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code --mode iptables}: applies the renderer's texts with {@code iptables-restore --noflush}.
 */
public final class IptablesDataPlane extends RuleTextDataPlane {

    public static final String MODE = "iptables";

    private final CommandRunner runner;

    public IptablesDataPlane(RuleTexts texts, CommandRunner runner, Clock clock, Duration fullSyncPeriod) {
        super(texts, clock, fullSyncPeriod);
        this.runner = runner;
    }

    @Override
    public String mode() {
        return MODE;
    }

    @Override
    void apply(String text, boolean full) throws CommandException {
        runner.run(List.of("iptables-restore", "-w", "5", "--noflush"), text);
    }

    @Override
    void remove(String cleanupText) throws CommandException {
        runner.run(List.of("iptables-restore", "-w", "5", "--noflush"), cleanupText);
    }
}
