package io.kubeplane.proxy.kernel;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubeplane.proxy.dataplane.DataPlane.SyncException;
import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.rules.IptablesRules;
import io.kubeplane.proxy.rules.NftablesRules;
import io.kubeplane.proxy.kernel.ClusterObjects.Pod;
import io.kubeplane.proxy.kernel.RuleTextDataPlane.AppliedRules;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures, for the docs, how long the kernel takes to apply a full sync of 10,000 services with
 * 10 endpoints each (100,000 endpoints) and a partial sync changing one service, for nftables and
 * iptables, in a scratch network namespace {@code kpbench<pid>} (removed after). Run as
 * root with the test classpath:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) io.kubeplane.proxy.kernel.KernelApplyBenchmark [services] [endpoints] [nftables,iptables]
 * </pre>
 *
 * ClusterIPs 10.96.0.0/16 (one per service), endpoints 10.128.0.0/9, target port 8080. The texts
 * are the renderers' ({@link NftablesRules}, {@link IptablesRules});
 * {@code -Dkubeplane.bench.dump=<dir>} writes the full and one partial text for timing by hand.
 *
 * <p>Measured on 2 shared cores, Linux 6.18, nft 1.0.6, iptables-nft (render + apply):
 *
 * <pre>
 * services x 10   nft full          nft one-service   iptables full     iptables one-service
 *   1,000          0.12 + 0.23 s     3.8 + 21 ms       0.06 + 3.2 s      4.9 + 63 ms
 *  10,000          0.27 + 2.5 s      35 + 53 ms        &gt; 300 s (killed)
 * </pre>
 *
 * iptables-restore grows quadratically with the ruleset; see docs/benchmarks.md for how the
 * nftables layout was made to scale.
 */
public final class KernelApplyBenchmark {

    private static final String NETNS = "kpbench" + ProcessHandle.current().pid();
    private static final int PARTIAL_ROUNDS = 5;

    private KernelApplyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int endpoints = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<String> modes = List.of((args.length > 2 ? args[2] : "nftables,iptables").split(","));
        CommandRunner local = CommandRunner.local();
        local.run(List.of("ip", "netns", "add", NETNS));
        try {
            long t = System.nanoTime();
            ProxyState full = cluster(services, endpoints, -1);
            ProxyState[] changed = {cluster(services, endpoints, 0), full};
            System.out.printf(Locale.ROOT, "state: %d services x %d endpoints computed in %.0f ms%n", services, endpoints,
                    (System.nanoTime() - t) / 1e6);
            CommandRunner runner = new CommandRunner(NETNS, Duration.ofMinutes(5));
            if (modes.contains(NftablesDataPlane.MODE)) {
                measure(new NftablesDataPlane(new NftablesRules(), runner, Clock.systemUTC(),
                        SyncSchedule.DEFAULT_PERIOD), full, changed);
            }
            if (modes.contains(IptablesDataPlane.MODE)) {
                measure(new IptablesDataPlane(new IptablesRules(), runner, Clock.systemUTC(),
                        SyncSchedule.DEFAULT_PERIOD, IptablesRules.JUMPS), full, changed);
            }
        } finally {
            local.run(List.of("ip", "netns", "delete", NETNS));
        }
    }

    /** One mode: a full sync, then one service shrinking and growing back; a failed sync is printed. */
    private static void measure(RuleTextDataPlane plane, ProxyState full, ProxyState[] changed) throws Exception {
        try (plane) {
            try {
                plane.sync(full);
            } catch (SyncException e) {
                System.out.printf(Locale.ROOT, "%-8s full sync: %s%n", plane.mode(), e.getMessage());
                return;
            }
            print(plane.mode(), "full sync", plane.lastApplied());
            String fullText = plane.lastApplied().text();
            List<AppliedRules> partials = new ArrayList<>();
            for (int i = 0; i < PARTIAL_ROUNDS; i++) {
                for (ProxyState next : changed) { // one endpoint away, and back
                    plane.sync(next);
                    partials.add(plane.lastApplied());
                }
            }
            String dump = System.getProperty("kubeplane.bench.dump");
            if (dump != null) { // the texts, for timing nft or iptables-restore by hand
                java.nio.file.Files.writeString(java.nio.file.Path.of(dump, plane.mode() + "-full.txt"), fullText);
                java.nio.file.Files.writeString(java.nio.file.Path.of(dump, plane.mode() + "-partial.txt"),
                        partials.getFirst().text());
            }
            partials.sort(java.util.Comparator.comparing(AppliedRules::applyTime));
            print(plane.mode(), "one-service change (median of " + partials.size() + ")", partials.get(partials.size() / 2));
            long t = System.nanoTime();
            plane.close();
            System.out.printf(Locale.ROOT, "%-8s close: %.0f ms%n", plane.mode(), (System.nanoTime() - t) / 1e6);
        }
    }

    private static void print(String mode, String what, AppliedRules rules) {
        System.out.printf(Locale.ROOT, "%-8s %s: %,d bytes, rendered in %.1f ms, applied in %.1f ms%n", mode, what,
                rules.text().length(), rules.renderTime().toNanos() / 1e6, rules.applyTime().toNanos() / 1e6);
    }

    /** {@code services} ClusterIP services; service {@code shrink} has one endpoint fewer. */
    private static ProxyState cluster(int services, int endpoints, int shrink) {
        List<Service> all = new ArrayList<>(services);
        List<EndpointSlice> slices = new ArrayList<>(services);
        for (int s = 0; s < services; s++) {
            String name = "svc-" + s;
            all.add(ClusterObjects.clusterIP(name, "10.96." + (s >> 8) + "." + (s & 0xff), 80));
            List<Pod> pods = new ArrayList<>(endpoints);
            for (int e = 0; e < (s == shrink ? endpoints - 1 : endpoints); e++) {
                int n = s * endpoints + e;
                pods.add(new Pod("10." + (128 + (n >> 16)) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff), "node" + (e % 3)));
            }
            slices.add(ClusterObjects.slice(name, 8080, pods));
        }
        return ClusterObjects.state("node0", "192.168.250.1", all, slices);
    }
}
