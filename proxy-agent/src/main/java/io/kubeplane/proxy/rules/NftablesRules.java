package io.kubeplane.proxy.rules;

import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.desired.ServicePortName;
import io.kubeplane.proxy.desired.ServicePortRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.Set;

/**
 * Renders kube-proxy's nftables mode as {@code nft -f} input: {@code table ip kube-proxy}, and
 * {@code table ip6 kube-proxy} when the state has IPv6 ClusterIPs or node addresses. The shape:
 *
 * <pre>
 * nat-prerouting, nat-output (dstnat)  → services: ip daddr . meta l4proto . th dport vmap @service-ips
 *                                                  ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports
 * service-ips, service-nodeports       → goto service-/local-/external-HASH-ns/name/proto/port
 * service-…, local-…                   → numgen random mod N 0 dnat to ip:port, mod N-1, …, dnat to ip:port
 *                                        (with ClientIP affinity: affinity lookups, numgen … goto endpoint-…)
 * endpoint-… (affinity only)           → update @affinity-…, dnat to ip:port
 * filter-input/forward/output          → service-endpoints-check, nodeport-endpoints-check:
 *                                        vmap @no-endpoint-services / @no-endpoint-nodeports → reject / drop
 *                                        cluster-ips-check: other ports of a ClusterIP reject, unallocated ClusterIPs drop
 * nat-postrouting (srcnat)             → masquerading: a pod that reached itself (@hairpin-ips), or mark 0x4000
 *                                        → masquerade fully-random
 * </pre>
 *
 * Names and rules are kube-proxy's ({@code pkg/proxy/nftables/proxier.go}), except where {@link NftPort}
 * says why not: endpoints without affinity need no chain of their own. Load-balancer source
 * ranges are not in the model: {@code firewall-ips} stays empty. Output is deterministic.
 *
 * <p>Pure and thread-safe.
 */
public final class NftablesRules implements RuleTexts {

    static final String TABLE = "kube-proxy";
    /** Sets whose elements several ports share: written once, deleted only when no port needs them. */
    private static final Set<String> SHARED = Set.of("cluster-ips", NftPort.HAIRPIN);

    private final RuleOptions options;

    /** With {@link RuleOptions#DEFAULTS}. */
    public NftablesRules() {
        this(RuleOptions.DEFAULTS);
    }

    public NftablesRules(RuleOptions options) {
        this.options = options;
    }

    /**
     * The full sync: each family's table added (so the delete cannot fail), deleted, and written
     * whole, in one transaction: the kernel never shows a half-written table.
     */
    @Override
    public String full(ProxyState state) {
        StringBuilder out = new StringBuilder(state.ports().size() * 3000 + 8192);
        for (IpFamily family : families(state)) {
            Table table = table(state, family);
            String p = " " + family.nft() + " " + TABLE;
            out.append("add table").append(p).append('\n');
            out.append("delete table").append(p).append('\n');
            out.append("add table").append(p).append(" { comment \"rules for kube-proxy\" ; }\n");
            table.chains.forEach((name, chain) -> out.append("add chain").append(p).append(' ').append(name)
                    .append(chain.spec.isEmpty() ? "" : " { " + chain.spec + " ; }").append('\n'));
            table.sets.forEach((name, spec) -> out.append("add ").append(spec.kind).append(p).append(' ').append(name)
                    .append(" { ").append(spec.transactionSpec()).append(" }\n"));
            table.chains.forEach((name, chain) -> chain.rules.forEach(
                    r -> out.append("add rule").append(p).append(' ').append(name).append(' ').append(r).append('\n')));
            for (NftPort port : table.ports) {
                writePort(out, p, port);
            }
            table.sets.forEach((name, spec) -> spec.elements.forEach(e -> addElement(out, p, e)));
            Set<String> shared = new HashSet<>();
            for (NftPort port : table.ports) {
                for (NftPort.Element e : port.elements()) {
                    // ports of one service share their ClusterIP's element, ports of one pod its hairpin pair
                    if (!SHARED.contains(e.container()) || shared.add(e.container() + " " + e.key())) {
                        addElement(out, p, e);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * kube-proxy's partial sync, one transaction: the chains of service ports whose rule changed
     * flushed and rewritten, their map elements added, replaced or deleted, their affinity sets made
     * or deleted, and the chains they no longer need flushed and deleted. Anything else is not
     * mentioned. A change of node addresses or of the families in use rewrites everything. Blank
     * when nothing changed.
     *
     * <p>Removed chains are deleted in the same transaction as the map elements that pointed to
     * them; kernels before 6.2 may refuse that (kube-proxy deletes them a second later), in which
     * case the applier's retry with a full sync succeeds.
     */
    @Override
    public String changes(ProxyState previous, ProxyState current) {
        Set<ServicePortName> changed = current.changedSince(previous);
        if (changed.isEmpty() && previous.nodeIPs().equals(current.nodeIPs())) {
            return "";
        }
        if (!families(previous).equals(families(current))) {
            return full(current);
        }
        StringBuilder out = new StringBuilder(4096);
        for (IpFamily family : families(current)) {
            if (!IptablesRules.nodePortIPs(previous, family).equals(IptablesRules.nodePortIPs(current, family))) {
                return full(current);
            }
            changes(previous, current, family, changed, out);
        }
        return out.toString();
    }

    private void changes(ProxyState previous, ProxyState current, IpFamily family, Set<ServicePortName> changed,
                         StringBuilder out) {
        String p = " " + family.nft() + " " + TABLE;
        List<NftPort> before = new ArrayList<>();
        List<NftPort> after = new ArrayList<>();
        for (ServicePortName name : changed) {
            NftPort b = port(previous.ports().get(name), family);
            NftPort a = port(current.ports().get(name), family);
            if (b != null) {
                before.add(b);
            }
            if (a != null) {
                after.add(a);
            }
        }
        Set<String> chainsAfter = new HashSet<>();
        Map<String, Integer> setsAfter = new HashMap<>();
        Map<String, NftPort.Element> elementsAfter = new LinkedHashMap<>();
        for (NftPort port : after) {
            chainsAfter.addAll(port.chains().keySet());
            port.sets().forEach(s -> setsAfter.put(s.name(), s.timeoutSeconds()));
            port.elements().forEach(e -> elementsAfter.put(e.container() + " " + e.key(), e));
        }
        Set<String> chainsGone = new LinkedHashSet<>();
        Map<String, Integer> setsBefore = new HashMap<>();
        Map<String, NftPort.Element> elementsBefore = new LinkedHashMap<>();
        for (NftPort port : before) {
            port.chains().keySet().stream().filter(c -> !chainsAfter.contains(c)).forEach(chainsGone::add);
            port.sets().forEach(s -> setsBefore.put(s.name(), s.timeoutSeconds()));
            port.elements().forEach(e -> elementsBefore.put(e.container() + " " + e.key(), e));
        }
        // A ClusterIP stays in cluster-ips while any port of it remains, a hairpin pair while any port reaches its pod.
        Set<String> clusterIPs = new HashSet<>();
        for (ServicePortRule rule : current.ports().values()) {
            rule.clusterIPs().stream().filter(family::contains).forEach(clusterIPs::add);
        }
        Set<String> dropped = new HashSet<>();
        elementsBefore.forEach((key, e) -> {
            if (e.container().equals(NftPort.HAIRPIN) && !elementsAfter.containsKey(key)) {
                dropped.add(e.key());
            }
        });
        Set<String> hairpins = dropped.isEmpty() ? Set.of() : stillNeeded(current, family, dropped);
        // Flush first: rules still pointing at a set, a chain or from a map stop doing so.
        for (NftPort port : after) {
            port.chains().keySet().forEach(c -> {
                out.append("add chain").append(p).append(' ').append(c).append('\n');
                out.append("flush chain").append(p).append(' ').append(c).append('\n');
            });
        }
        chainsGone.forEach(c -> out.append("flush chain").append(p).append(' ').append(c).append('\n'));
        elementsBefore.forEach((key, e) -> {
            NftPort.Element now = elementsAfter.get(key);
            boolean stays = switch (e.container()) {
                case "cluster-ips" -> clusterIPs.contains(e.key());
                case NftPort.HAIRPIN -> now != null || hairpins.contains(e.key());
                default -> now != null;
            };
            if (!stays || (now != null && !Objects.equals(now.value(), e.value()))) {
                out.append("delete element").append(p).append(' ').append(e.container()).append(" { ").append(e.key())
                        .append(" }\n");
            }
        });
        setsBefore.forEach((name, timeout) -> {
            if (!timeout.equals(setsAfter.get(name))) {
                out.append("delete set").append(p).append(' ').append(name).append('\n');
            }
        });
        for (NftPort port : after) {
            writePort(out, p, port);
        }
        elementsAfter.forEach((key, e) -> {
            if (!e.equals(elementsBefore.get(key))) {
                addElement(out, p, e);
            }
        });
        chainsGone.forEach(c -> out.append("delete chain").append(p).append(' ').append(c).append('\n'));
    }

    /**
     * Which of the hairpin pairs {@code candidates} some port of {@code state} still reaches. Only
     * ports with a candidate address among their endpoints are planned: a partial sync stays small.
     */
    private static Set<String> stillNeeded(ProxyState state, IpFamily family, Set<String> candidates) {
        Set<String> ips = new HashSet<>();
        candidates.forEach(pair -> ips.add(pair.substring(0, pair.indexOf(' '))));
        Set<String> needed = new HashSet<>();
        for (ServicePortRule rule : state.ports().values()) {
            if (mentionsAny(rule.clusterEndpoints(), ips) || mentionsAny(rule.externalEndpoints(), ips)) {
                PortPlan plan = PortPlan.of(rule, family);
                if (plan != null) {
                    plan.reachable().forEach(e -> needed.add(e.ip() + " . " + e.ip()));
                }
            }
        }
        needed.retainAll(candidates);
        return needed;
    }

    private static boolean mentionsAny(List<Endpoint> endpoints, Set<String> ips) {
        for (Endpoint e : endpoints) {
            if (ips.contains(e.ip())) {
                return true;
            }
        }
        return false;
    }

    /** Deletes every family's table; adding each first makes it succeed where there is none. */
    @Override
    public String cleanup() {
        StringBuilder out = new StringBuilder();
        for (IpFamily family : IpFamily.values()) {
            out.append("add table ").append(family.nft()).append(' ').append(TABLE).append('\n');
            out.append("delete table ").append(family.nft()).append(' ').append(TABLE).append('\n');
        }
        return out.toString();
    }

    /** The tables as {@code nft list ruleset} prints them, for the {@code /rules?format=nftables} view. */
    public String listRuleset(ProxyState state) {
        StringBuilder out = new StringBuilder(state.ports().size() * 3000 + 8192);
        for (IpFamily family : families(state)) {
            Table table = table(state, family);
            out.append("table ").append(family.nft()).append(' ').append(TABLE).append(" {\n");
            out.append("\tcomment \"rules for kube-proxy\"\n");
            Map<String, List<String>> elements = new LinkedHashMap<>();
            table.sets.forEach((name, spec) -> elements.put(name,
                    new ArrayList<>(spec.elements.stream().map(NftPort.Element::spec).toList())));
            Set<String> listed = new HashSet<>();
            for (NftPort port : table.ports) {
                port.elements().forEach(e -> {
                    List<String> list = elements.get(e.container());
                    if (!SHARED.contains(e.container()) || listed.add(e.container() + " " + e.key())) {
                        list.add(e.spec());
                    }
                });
            }
            table.sets.forEach((name, spec) -> {
                out.append('\n').append('\t').append(spec.kind).append(' ').append(name).append(" {\n");
                out.append("\t\ttype ").append(spec.type).append('\n');
                out.append("\t\tcomment \"").append(spec.comment).append("\"\n");
                List<String> list = elements.get(name);
                if (!list.isEmpty()) {
                    out.append("\t\telements = { ").append(String.join(",\n\t\t\t     ", list)).append(" }\n");
                }
                out.append("\t}\n");
            });
            for (NftPort port : table.ports) {
                for (NftPort.AffinitySet set : port.sets()) {
                    out.append("\n\tset ").append(set.name()).append(" {\n\t\ttype ").append(family.addrType())
                            .append("\n\t\tsize 65535\n\t\tflags dynamic,timeout\n\t\ttimeout ")
                            .append(duration(set.timeoutSeconds())).append("\n\t}\n");
                }
            }
            table.chains.forEach((name, chain) -> listChain(out, name, chain.listSpec, chain.rules));
            for (NftPort port : table.ports) {
                port.chains().forEach((name, rules) -> listChain(out, name, "", rules));
            }
            out.append("}\n");
        }
        return out.toString();
    }

    private static void listChain(StringBuilder out, String name, String spec, List<String> rules) {
        out.append("\n\tchain ").append(name).append(" {\n");
        if (!spec.isEmpty()) {
            out.append("\t\t").append(spec).append('\n');
        }
        rules.forEach(r -> out.append("\t\t").append(r).append('\n'));
        out.append("\t}\n");
    }

    /** nft's duration: {@code 3h}, {@code 1m30s}. */
    static String duration(int seconds) {
        StringBuilder out = new StringBuilder();
        int[] units = {86400, 3600, 60, 1};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (seconds >= units[i]) {
                out.append(seconds / units[i]).append(names[i]);
                seconds %= units[i];
            }
        }
        return out.isEmpty() ? "0s" : out.toString();
    }

    private static void writePort(StringBuilder out, String p, NftPort port) {
        for (NftPort.AffinitySet set : port.sets()) {
            out.append("add set").append(p).append(' ').append(set.name()).append(" { type ")
                    .append(p.startsWith(" ip6") ? "ipv6_addr" : "ipv4_addr").append(" ; flags dynamic,timeout ; timeout ")
                    .append(set.timeoutSeconds()).append("s ; }\n");
        }
        port.chains().keySet().forEach(c -> out.append("add chain").append(p).append(' ').append(c).append('\n'));
        port.chains().forEach((chain, rules) -> rules.forEach(
                r -> out.append("add rule").append(p).append(' ').append(chain).append(' ').append(r).append('\n')));
    }

    private static void addElement(StringBuilder out, String p, NftPort.Element e) {
        out.append("add element").append(p).append(' ').append(e.container()).append(" { ").append(e.spec())
                .append(" }\n");
    }

    private NftPort port(ServicePortRule rule, IpFamily family) {
        PortPlan plan = rule == null ? null : PortPlan.of(rule, family);
        return plan == null ? null : NftPort.of(plan, options);
    }

    /** IPv4 always; IPv6 when a ClusterIP or node address is IPv6. */
    static List<IpFamily> families(ProxyState state) {
        boolean v6 = state.nodeIPs().stream().anyMatch(IpFamily.V6::contains)
                     || state.ports().values().stream().anyMatch(r -> r.clusterIPs().stream().anyMatch(IpFamily.V6::contains));
        return v6 ? List.of(IpFamily.V4, IpFamily.V6) : List.of(IpFamily.V4);
    }

    private record Chain(String spec, String listSpec, List<String> rules) {
    }

    private record SetSpec(String kind, String type, String comment, List<NftPort.Element> elements) {
        String transactionSpec() {
            return "type " + type + " ; comment \"" + comment + "\" ;";
        }
    }

    /** One family's table: the fixed chains, sets and maps, and every port's fragment. */
    private record Table(SequencedMap<String, Chain> chains, SequencedMap<String, SetSpec> sets, List<NftPort> ports) {
    }

    private Table table(ProxyState state, IpFamily family) {
        String ip = family.nft();
        String addr = family.addrType();
        List<String> nodeIPs = IptablesRules.nodePortIPs(state, family);
        SequencedMap<String, SetSpec> sets = new LinkedHashMap<>();
        sets.put("cluster-ips", new SetSpec("set", addr, "Active ClusterIPs", List.of()));
        sets.put(NftPort.HAIRPIN, new SetSpec("set", addr + " . " + addr,
                "endpoint pairs whose traffic is masqueraded: a pod that reached itself through a service", List.of()));
        if (!nodeIPs.isEmpty()) {
            sets.put("nodeport-ips", new SetSpec("set", addr, "IPs that accept NodePort traffic",
                    nodeIPs.stream().map(n -> new NftPort.Element("nodeport-ips", n, null, null)).toList()));
        }
        String service = addr + " . inet_proto . inet_service : verdict";
        String nodePort = "inet_proto . inet_service : verdict";
        sets.put("firewall-ips", new SetSpec("map", service, "destinations that are subject to LoadBalancerSourceRanges", List.of()));
        sets.put("no-endpoint-nodeports", new SetSpec("map", nodePort,
                "vmap to drop or reject packets to service nodeports with no endpoints", List.of()));
        sets.put("no-endpoint-services", new SetSpec("map", service,
                "vmap to drop or reject packets to services with no endpoints", List.of()));
        sets.put("service-ips", new SetSpec("map", service, "ClusterIP, ExternalIP and LoadBalancer IP traffic", List.of()));
        sets.put("service-nodeports", new SetSpec("map", nodePort, "NodePort traffic", List.of()));

        SequencedMap<String, Chain> chains = new LinkedHashMap<>();
        base(chains, "filter-prerouting-pre-dnat", "filter", "prerouting", -110);
        base(chains, "filter-output-pre-dnat", "filter", "output", -110);
        base(chains, "filter-forward", "filter", "forward", 0);
        base(chains, "filter-input", "filter", "input", 0);
        base(chains, "filter-output", "filter", "output", 0);
        base(chains, "nat-prerouting", "nat", "prerouting", -100);
        base(chains, "nat-output", "nat", "output", -100);
        base(chains, "nat-postrouting", "nat", "postrouting", 100);
        for (String c : List.of("cluster-ips-check", "firewall-check", "mark-for-masquerade", "masquerading",
                "nodeport-endpoints-check", "services", "service-endpoints-check")) {
            chains.put(c, new Chain("", "", new ArrayList<>()));
        }
        String helper = "comment \"helper for @no-endpoint-services / @no-endpoint-nodeports\"";
        chains.put("reject-chain", new Chain(helper, helper, new ArrayList<>(List.of("reject"))));
        String mark = options.mark();
        String cidrs = options.serviceCidrs(family);
        rule(chains, "cluster-ips-check", ip + " daddr @cluster-ips reject comment \"Reject traffic to invalid ports of ClusterIPs\"");
        if (!cidrs.isEmpty()) {
            rule(chains, "cluster-ips-check", ip + " daddr { " + cidrs + " } drop comment \"Drop traffic to unallocated ClusterIPs\"");
        }
        rule(chains, "filter-prerouting-pre-dnat", "ct state new jump firewall-check");
        rule(chains, "filter-output-pre-dnat", "ct state new jump firewall-check");
        rule(chains, "filter-forward", "ct state new jump service-endpoints-check");
        rule(chains, "filter-forward", "ct state new jump cluster-ips-check");
        rule(chains, "filter-input", "ct state new jump nodeport-endpoints-check");
        rule(chains, "filter-input", "ct state new jump service-endpoints-check");
        rule(chains, "filter-output", "ct state new jump service-endpoints-check");
        rule(chains, "filter-output", "ct state new jump cluster-ips-check");
        rule(chains, "nat-prerouting", "jump services");
        rule(chains, "nat-output", "jump services");
        rule(chains, "nat-postrouting", "jump masquerading");
        rule(chains, "firewall-check", ip + " daddr . meta l4proto . th dport vmap @firewall-ips");
        rule(chains, "mark-for-masquerade", "mark set mark or " + mark);
        rule(chains, "masquerading", "ct status dnat " + ip + " saddr . " + ip + " daddr @" + NftPort.HAIRPIN
                                     + " masquerade fully-random");
        rule(chains, "masquerading", "mark and " + mark + " == 0 return");
        rule(chains, "masquerading", "mark set mark xor " + mark);
        rule(chains, "masquerading", "masquerade fully-random");
        rule(chains, "services", ip + " daddr . meta l4proto . th dport vmap @service-ips");
        rule(chains, "service-endpoints-check", ip + " daddr . meta l4proto . th dport vmap @no-endpoint-services");
        if (nodeIPs.isEmpty()) {
            String noLocalhost = ip + " daddr != " + family.loopback();
            rule(chains, "services", "fib daddr type local " + noLocalhost + " meta l4proto . th dport vmap @service-nodeports");
            rule(chains, "nodeport-endpoints-check", noLocalhost + " meta l4proto . th dport vmap @no-endpoint-nodeports");
        } else {
            rule(chains, "services", ip + " daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports");
            rule(chains, "nodeport-endpoints-check",
                    ip + " daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports");
        }
        List<NftPort> ports = new ArrayList<>(state.ports().size());
        for (ServicePortRule rule : state.ports().values()) {
            NftPort port = port(rule, family);
            if (port != null) {
                ports.add(port);
            }
        }
        return new Table(chains, sets, ports);
    }

    private static void base(SequencedMap<String, Chain> chains, String name, String type, String hook, int priority) {
        chains.put(name, new Chain("type " + type + " hook " + hook + " priority " + priority,
                "type " + type + " hook " + hook + " priority " + priorityName(type, priority) + "; policy accept;",
                new ArrayList<>()));
    }

    /** How nft lists a priority: by the standard name it is near. */
    private static String priorityName(String type, int priority) {
        String name = type.equals("nat") ? (priority < 0 ? "dstnat" : "srcnat") : "filter";
        int base = name.equals("dstnat") ? -100 : name.equals("srcnat") ? 100 : 0;
        if (type.equals("filter") && priority == -110) {
            name = "dstnat";
            base = -100;
        }
        int offset = priority - base;
        return offset == 0 ? name : name + (offset < 0 ? " - " : " + ") + Math.abs(offset);
    }

    private static void rule(SequencedMap<String, Chain> chains, String chain, String rule) {
        chains.get(chain).rules.add(rule);
    }
}
