package io.kubeplane.proxy.rules;

import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.desired.ServicePortName;
import io.kubeplane.proxy.desired.ServicePortRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Renders kube-proxy's iptables mode for one IP family as {@code iptables-restore --noflush} input
 * (use {@code ip6tables-restore} for {@link IpFamily#V6}). The shape, per table:
 *
 * <pre>
 * *filter   KUBE-NODEPORTS          health-check NodePorts: ACCEPT
 *           KUBE-SERVICES           ClusterIPs without endpoints: REJECT ("has no endpoints")
 *           KUBE-EXTERNAL-SERVICES  externalIPs, LB IPs, NodePorts without (local) endpoints: REJECT / DROP
 *           KUBE-FORWARD            marked and established traffic: ACCEPT
 *           KUBE-PROXY-FIREWALL     (LoadBalancer source ranges: not in the model, empty)
 * *nat      KUBE-SERVICES           ClusterIP → KUBE-SVC (or KUBE-SVL), externalIP / LB IP → KUBE-EXT,
 *                                   last: node addresses → KUBE-NODEPORTS
 *           KUBE-NODEPORTS          NodePort → KUBE-EXT
 *           KUBE-EXT-*              masquerade (Cluster) or short-circuit pod/host traffic (Local), then SVC / SVL
 *           KUBE-SVC-*, KUBE-SVL-*  affinity (-m recent --rcheck), then -m statistic 1/n, 1/(n-1), ... → SEP
 *           KUBE-SEP-*              hairpin → KUBE-MARK-MASQ, affinity (--set), DNAT to ip:port
 *           KUBE-MARK-MASQ, KUBE-POSTROUTING   mark 0x4000, MASQUERADE --random-fully
 * </pre>
 *
 * The jumps into these chains from the built-in ones ({@link #JUMPS}) are not in the restore text:
 * kube-proxy makes them with {@code iptables -I} once, and so must the applier. Output is
 * deterministic: services in {@link ServicePortName} order, endpoints by address. Over 1,000
 * endpoints, SVC and SEP rules lose their comments, as in kube-proxy's large-cluster mode.
 *
 * <p>Pure and thread-safe; one instance per family serves every sync.
 */
public final class IptablesRules implements RuleTexts {

    /** kube-proxy's {@code largeClusterEndpointsThreshold}. */
    static final int LARGE_CLUSTER_ENDPOINTS = 1000;
    static final List<String> FILTER_CHAINS = List.of("KUBE-NODEPORTS", "KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES",
            "KUBE-FORWARD", "KUBE-PROXY-FIREWALL");
    static final List<String> NAT_CHAINS = List.of("KUBE-SERVICES", "KUBE-NODEPORTS", "KUBE-POSTROUTING",
            "KUBE-MARK-MASQ");

    /**
     * A jump from a built-in chain into kube-proxy's, made with {@code iptables -t table -I chain ...}
     * (kube-proxy's {@code iptablesJumpChains}).
     *
     * @param table   {@code filter} or {@code nat}
     * @param chain   the built-in chain
     * @param match   matches before the comment, e.g. {@code -m conntrack --ctstate NEW}
     * @param comment the rule's comment, kube-proxy's wording
     * @param to      kube-proxy's chain
     */
    public record Jump(String table, String chain, List<String> match, String comment, String to) {

        public Jump {
            match = List.copyOf(match);
        }

        /** The rule as {@code iptables} arguments after the chain: matches, comment, target. */
        public List<String> argv() {
            List<String> argv = new ArrayList<>(match);
            argv.addAll(List.of("-m", "comment", "--comment", comment, "-j", to));
            return argv;
        }

        /** The rule as {@code iptables-save} prints it after the chain, the comment quoted. */
        public String args() {
            String matches = match.isEmpty() ? "" : String.join(" ", match) + " ";
            return matches + "-m comment --comment \"" + comment + "\" -j " + to;
        }

        /** The {@code iptables} command line after the tool's name: {@code -t nat -I PREROUTING ...}. */
        public String insert() {
            return "-t " + table + " -I " + chain + " " + args();
        }
    }

    private static final List<String> NEW = List.of("-m", "conntrack", "--ctstate", "NEW");

    /** kube-proxy's {@code iptablesJumpChains}, in its order (each inserted first in its chain). */
    public static final List<Jump> JUMPS = List.of(
            new Jump("filter", "INPUT", NEW, "kubernetes externally-visible service portals", "KUBE-EXTERNAL-SERVICES"),
            new Jump("filter", "FORWARD", NEW, "kubernetes externally-visible service portals", "KUBE-EXTERNAL-SERVICES"),
            new Jump("filter", "INPUT", List.of(), "kubernetes health check service ports", "KUBE-NODEPORTS"),
            new Jump("filter", "FORWARD", NEW, "kubernetes service portals", "KUBE-SERVICES"),
            new Jump("filter", "OUTPUT", NEW, "kubernetes service portals", "KUBE-SERVICES"),
            new Jump("filter", "FORWARD", List.of(), "kubernetes forwarding rules", "KUBE-FORWARD"),
            new Jump("filter", "INPUT", NEW, "kubernetes load balancer firewall", "KUBE-PROXY-FIREWALL"),
            new Jump("filter", "OUTPUT", NEW, "kubernetes load balancer firewall", "KUBE-PROXY-FIREWALL"),
            new Jump("filter", "FORWARD", NEW, "kubernetes load balancer firewall", "KUBE-PROXY-FIREWALL"),
            new Jump("nat", "OUTPUT", List.of(), "kubernetes service portals", "KUBE-SERVICES"),
            new Jump("nat", "PREROUTING", List.of(), "kubernetes service portals", "KUBE-SERVICES"),
            new Jump("nat", "POSTROUTING", List.of(), "kubernetes postrouting rules", "KUBE-POSTROUTING"));

    private final IpFamily family;
    private final RuleOptions options;

    /** IPv4 with {@link RuleOptions#DEFAULTS}. */
    public IptablesRules() {
        this(IpFamily.V4, RuleOptions.DEFAULTS);
    }

    public IptablesRules(IpFamily family, RuleOptions options) {
        this.family = family;
        this.options = options;
    }

    /** Everything for {@code state}: both tables, every chain declared (and so flushed) and written. */
    @Override
    public String full(ProxyState state) {
        return render(state, null, Set.of());
    }

    /**
     * kube-proxy's partial sync (1.26+): the fixed chains (KUBE-SERVICES, KUBE-NODEPORTS, the filter
     * table, ...) rewritten whole, the chains of service ports whose rule changed rewritten, the
     * chains they no longer need declared and deleted ({@code -X}); other services' chains are not
     * mentioned, so {@code --noflush} leaves them. Blank when nothing changed.
     */
    @Override
    public String changes(ProxyState previous, ProxyState current) {
        Set<ServicePortName> changed = current.changedSince(previous);
        if (changed.isEmpty() && previous.nodeIPs().equals(current.nodeIPs())) {
            return "";
        }
        if (largeCluster(plans(previous)) != largeCluster(plans(current))) {
            // Every SVC and SEP rule gains or loses its comment.
            return full(current);
        }
        SequencedSet<String> gone = new LinkedHashSet<>();
        for (ServicePortName name : changed) {
            ServicePortRule before = previous.ports().get(name);
            PortPlan plan = before == null ? null : PortPlan.of(before, family);
            if (plan != null) {
                gone.addAll(IptablesPort.chains(plan));
            }
        }
        for (ServicePortName name : changed) {
            ServicePortRule after = current.ports().get(name);
            PortPlan plan = after == null ? null : PortPlan.of(after, family);
            if (plan != null) {
                IptablesPort.chains(plan).forEach(gone::remove);
            }
        }
        return render(current, changed, gone);
    }

    /**
     * Flushes and deletes the fixed chains. The applier removes the jumps into them first
     * ({@link #JUMPS}, {@code iptables -D}) and the per-service chains it finds on the node.
     */
    @Override
    public String cleanup() {
        StringBuilder out = new StringBuilder(256);
        for (String table : List.of("filter", "nat")) {
            List<String> chains = table.equals("filter") ? FILTER_CHAINS : NAT_CHAINS;
            out.append('*').append(table).append('\n');
            chains.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
            chains.forEach(c -> out.append("-X ").append(c).append('\n'));
            out.append("COMMIT\n");
        }
        return out.toString();
    }

    /**
     * What {@code iptables-save} shows on a node carrying {@code state}: the built-in chains with
     * kube-proxy's jumps, then the full text's chains and rules. For the {@code /rules} view.
     */
    public String save(ProxyState state) {
        String full = full(state);
        StringBuilder out = new StringBuilder(full.length() + 2048);
        for (String table : List.of("filter", "nat")) {
            int start = full.indexOf("*" + table + "\n");
            int end = full.indexOf("COMMIT\n", start) + "COMMIT\n".length();
            String body = full.substring(start + table.length() + 2, end);
            out.append('*').append(table).append('\n');
            List<String> builtins = table.equals("filter") ? List.of("INPUT", "FORWARD", "OUTPUT")
                    : List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING");
            builtins.forEach(b -> out.append(':').append(b).append(" ACCEPT [0:0]\n"));
            int rules = body.indexOf("\n-A ") + 1;
            out.append(body, 0, rules);
            // -I puts each jump first, so the one inserted last comes first.
            for (Jump j : JUMPS.reversed()) {
                if (j.table().equals(table)) {
                    out.append("-A ").append(j.chain()).append(' ').append(j.args()).append('\n');
                }
            }
            out.append(body, rules, body.length());
        }
        return out.toString();
    }

    private List<PortPlan> plans(ProxyState state) {
        List<PortPlan> plans = new ArrayList<>(state.ports().size());
        for (ServicePortRule rule : state.ports().values()) {
            PortPlan plan = PortPlan.of(rule, family);
            if (plan != null) {
                plans.add(plan);
            }
        }
        return plans;
    }

    private static boolean largeCluster(List<PortPlan> plans) {
        long endpoints = 0;
        for (PortPlan p : plans) {
            endpoints += p.endpointCount();
        }
        return endpoints > LARGE_CLUSTER_ENDPOINTS;
    }

    /** @param only the ports whose chains are written; null for all */
    private String render(ProxyState state, @Nullable Set<ServicePortName> only, Set<String> deleted) {
        List<PortPlan> plans = plans(state);
        IptablesPort writer = new IptablesPort(options, family, largeCluster(plans));
        int n = plans.size();
        StringBuilder natServices = new StringBuilder(n * 160);
        StringBuilder natNodePorts = new StringBuilder(256);
        StringBuilder filterServices = new StringBuilder(256);
        StringBuilder filterExternal = new StringBuilder(256);
        StringBuilder filterNodePorts = new StringBuilder(64);
        StringBuilder chainLines = new StringBuilder(only == null ? n * 200 : 1024);
        StringBuilder chainRules = new StringBuilder(only == null ? n * 1200 : 4096);
        for (PortPlan plan : plans) {
            writer.dispatch(plan, natServices, natNodePorts, filterServices, filterExternal, filterNodePorts);
            if (only == null || only.contains(plan.rule().name())) {
                for (String chain : IptablesPort.chains(plan)) {
                    chainLines.append(':').append(chain).append(" - [0:0]\n");
                }
                writer.chainRules(plan, chainRules);
            }
        }
        String mark = options.mark();
        StringBuilder out = new StringBuilder(natServices.length() + chainLines.length() + chainRules.length() + 2048);
        out.append("*filter\n");
        FILTER_CHAINS.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
        out.append(filterNodePorts).append(filterServices).append(filterExternal);
        out.append("-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP\n");
        out.append("-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding rules\" -m mark --mark ")
                .append(mark).append('/').append(mark).append(" -j ACCEPT\n");
        out.append("-A KUBE-FORWARD -m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack")
                .append(" --ctstate RELATED,ESTABLISHED -j ACCEPT\n");
        out.append("COMMIT\n*nat\n");
        NAT_CHAINS.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
        out.append(chainLines);
        // A chain must be declared (which flushes it) before -X, or the restore fails.
        deleted.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
        out.append(natServices);
        nodePortsJump(state, out);
        out.append(natNodePorts);
        out.append("-A KUBE-POSTROUTING -m mark ! --mark ").append(mark).append('/').append(mark).append(" -j RETURN\n");
        out.append("-A KUBE-POSTROUTING -j MARK --xor-mark ").append(mark).append('\n');
        out.append("-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\"")
                .append(" -j MASQUERADE --random-fully\n");
        out.append("-A KUBE-MARK-MASQ -j MARK --or-mark ").append(mark).append('\n');
        out.append(chainRules);
        deleted.forEach(c -> out.append("-X ").append(c).append('\n'));
        return out.append("COMMIT\n").toString();
    }

    /** The last rule of KUBE-SERVICES: the node's addresses (loopback excluded, as kube-proxy), or every local one. */
    private void nodePortsJump(ProxyState state, StringBuilder out) {
        String head = "-A KUBE-SERVICES -m comment --comment"
                      + " \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\"";
        List<String> ips = nodePortIPs(state, family);
        if (ips.isEmpty()) {
            out.append(head).append(" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS\n");
        }
        for (String ip : ips) {
            out.append(head).append(" -d ").append(ip).append(" -j KUBE-NODEPORTS\n");
        }
    }

    /** The node addresses of {@code family} NodePorts are served on; kube-proxy skips loopback ones. */
    static List<String> nodePortIPs(ProxyState state, IpFamily family) {
        return state.nodeIPs().stream().filter(family::contains).filter(ip -> !IpFamily.isLoopback(ip)).distinct()
                .toList();
    }
}
