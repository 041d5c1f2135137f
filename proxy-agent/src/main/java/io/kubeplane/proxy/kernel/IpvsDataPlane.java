package io.kubeplane.proxy.kernel;

import io.kubeplane.proxy.rules.RuleTexts;
import io.kubeplane.proxy.kernel.CommandRunner.CommandException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code --mode ipvs}: kube-proxy's IPVS mode needs the kernel's {@code ip_vs} module. Where the
 * kernel has it ({@code /proc/net/ip_vs} or {@code /sys/module/ip_vs} exists), the rendered
 * {@code ipvsadm-save} text is restored with {@code ipvsadm -R}; where it has not, every sync
 * still renders the rules (the {@code /rules} view shows them) and then fails with a
 * {@link io.kubeplane.proxy.dataplane.DataPlane.SyncException} saying the kernel has no ip_vs, so
 * the agent's health and logs say why no traffic is carried.
 *
 * <p>Thread-safety as {@link RuleTextDataPlane}.
 */
public final class IpvsDataPlane extends RuleTextDataPlane {

    public static final String MODE = "ipvs";

    private final CommandRunner runner;
    private final boolean kernelHasIpvs;

    /**
     * @param texts          the IPVS renderer's texts
     * @param runner         runs {@code ipvsadm}, in the node's namespace
     * @param clock          when a full sync is due
     * @param fullSyncPeriod how often everything is rewritten
     * @param root           where {@code proc/} and {@code sys/} are, {@code /} on a real node
     */
    public IpvsDataPlane(RuleTexts texts, CommandRunner runner, Clock clock, Duration fullSyncPeriod, Path root) {
        super(texts, clock, fullSyncPeriod);
        this.runner = runner;
        this.kernelHasIpvs = kernelHasIpvs(root);
    }

    /**
     * The agent's constructor: {@code ipvsadm} in {@code netns} (null for the agent's own
     * namespace), the running kernel's {@code /proc} and {@code /sys}.
     */
    public IpvsDataPlane(RuleTexts texts, @Nullable String netns, Clock clock) {
        this(texts, new CommandRunner(netns, DEFAULT_COMMAND_TIMEOUT), clock, DEFAULT_FULL_SYNC_PERIOD, Path.of("/"));
    }

    /** Whether the kernel under {@code root} has IPVS: the module is loaded or built in. */
    public static boolean kernelHasIpvs(Path root) {
        return Files.exists(root.resolve("proc/net/ip_vs")) || Files.exists(root.resolve("sys/module/ip_vs"));
    }

    /** Whether this node's kernel has IPVS, as found when this data plane was made. */
    public boolean kernelHasIpvs() {
        return kernelHasIpvs;
    }

    @Override
    public String mode() {
        return MODE;
    }

    @Override
    @Nullable String unavailable() {
        return kernelHasIpvs ? null
                : "the kernel has no ip_vs; rules are rendered only (see /rules?format=ipvs); "
                  + "neither /proc/net/ip_vs nor /sys/module/ip_vs exists, nothing is applied";
    }

    @Override
    void apply(String text, boolean full) throws CommandException {
        if (full) {
            runner.run(List.of("ipvsadm", "--clear"));
        }
        runner.run(List.of("ipvsadm", "-R"), text);
    }

    @Override
    void remove(String cleanupText) throws CommandException {
        if (kernelHasIpvs) {
            runner.run(List.of("ipvsadm", "--clear"));
        }
    }
}
