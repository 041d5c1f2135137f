package io.kubeplane.proxy.rules;

import io.kubeplane.proxy.kernel.RuleTexts;
import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.desired.ServicePortName;
import io.kubeplane.proxy.desired.ServicePortRule;
import io.kubeplane.proxy.desired.Verdict;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The iptables rules of a {@link ProxyState} in kube-proxy's shape, as {@code iptables-restore}
 * input: KUBE-SERVICES matching ClusterIPs, externalIPs and LoadBalancer IPs, KUBE-NODEPORTS,
 * KUBE-SVC-/KUBE-EXT-/KUBE-SEP- chains named as kube-proxy names them ({@link ChainNames}),
 * {@code statistic} for balancing, {@code recent} for ClientIP affinity, KUBE-MARK-MASQ and
 * KUBE-POSTROUTING, REJECT or DROP in the filter table for ports without (local) endpoints. A
 * partial text rewrites the fixed chains and only the changed services' chains, and deletes the
 * chains of removed ones, as kube-proxy's partial sync does. IPv4 only; no LoadBalancer source
 * ranges, no health-check ports. Pure and thread-safe.
 */
public final class IptablesRules implements RuleTexts {

    private static final List<String> FILTER_CHAINS = List.of("KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES",
            "KUBE-FORWARD", "KUBE-NODEPORTS", "KUBE-PROXY-FIREWALL");
    private static final List<String> NAT_CHAINS = List.of("KUBE-SERVICES", "KUBE-NODEPORTS", "KUBE-POSTROUTING",
            "KUBE-MARK-MASQ");

    @Override
    public String full(ProxyState state) {
        return render(state, name -> true, Set.of());
    }

    @Override
    public String changes(ProxyState previous, ProxyState current) {
        Set<ServicePortName> changed = new TreeSet<>();
        Set<String> gone = new TreeSet<>();
        Set<ServicePortName> names = new TreeSet<>(previous.ports().keySet());
        names.addAll(current.ports().keySet());
        for (ServicePortName name : names) {
            ServicePortRule before = previous.ports().get(name);
            ServicePortRule after = current.ports().get(name);
            if (Objects.equals(before, after)) {
                continue;
            }
            changed.add(name);
            if (before != null) {
                gone.addAll(chains(before));
            }
            if (after != null) {
                gone.removeAll(chains(after));
            }
        }
        return changed.isEmpty() ? "" : render(current, changed::contains, gone);
    }

    @Override
    public String cleanup() {
        StringBuilder out = new StringBuilder("*filter\n");
        FILTER_CHAINS.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
        FILTER_CHAINS.forEach(c -> out.append("-X ").append(c).append('\n'));
        out.append("COMMIT\n*nat\n");
        NAT_CHAINS.forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
        NAT_CHAINS.forEach(c -> out.append("-X ").append(c).append('\n'));
        return out.append("COMMIT\n").toString();
    }

    private static String render(ProxyState state, Predicate<ServicePortName> write, Set<String> delete) {
        StringBuilder filter = new StringBuilder(1024);
        StringBuilder natChains = new StringBuilder(state.ports().size() * 200);
        StringBuilder nat = new StringBuilder(state.ports().size() * 600);
        filter.append("*filter\n");
        FILTER_CHAINS.forEach(c -> filter.append(':').append(c).append(" - [0:0]\n"));
        filter.append("-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP\n");
        filter.append("-A KUBE-FORWARD -m mark --mark 0x4000/0x4000 -j ACCEPT\n");
        filter.append("-A KUBE-FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n");
        natChains.append("*nat\n");
        NAT_CHAINS.forEach(c -> natChains.append(':').append(c).append(" - [0:0]\n"));
        nat.append("-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN\n");
        nat.append("-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000\n");
        nat.append("-A KUBE-POSTROUTING -j MASQUERADE --random-fully\n");
        nat.append("-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000\n");
        for (ServicePortRule rule : state.ports().values()) {
            String proto = rule.protocol().toLowerCase(Locale.ROOT);
            String svc = ChainNames.service(rule.name());
            String ext = ChainNames.external(rule.name());
            for (String ip : rule.clusterIPs()) {
                String match = "-m comment --comment \"" + rule.name() + " cluster IP\" -d " + ip + "/32 -p " + proto
                               + " -m " + proto + " --dport " + rule.port();
                if (rule.internalVerdict() == Verdict.FORWARD) {
                    nat.append("-A KUBE-SERVICES ").append(match).append(" -j ").append(svc).append('\n');
                } else {
                    filter.append("-A KUBE-SERVICES ").append(match).append(verdict(rule.internalVerdict())).append('\n');
                }
            }
            external(rule, "external IP", rule.externalIPs(), proto, ext, nat, filter);
            external(rule, "loadbalancer IP", rule.loadBalancerIPs(), proto, ext, nat, filter);
            if (rule.nodePort() > 0) {
                String match = "-m comment --comment \"" + rule.name() + "\" -p " + proto + " -m " + proto + " --dport "
                               + rule.nodePort();
                if (rule.externalVerdict() == Verdict.FORWARD) {
                    nat.append("-A KUBE-NODEPORTS ").append(match).append(" -j ").append(ext).append('\n');
                } else {
                    filter.append("-A KUBE-EXTERNAL-SERVICES -m addrtype --dst-type LOCAL ").append(match)
                            .append(verdict(rule.externalVerdict())).append('\n');
                }
            }
            if (!write.test(rule.name())) {
                continue;
            }
            for (String chain : chains(rule)) {
                natChains.append(':').append(chain).append(" - [0:0]\n");
            }
            balance(nat, svc, rule, rule.clusterEndpoints());
            if (rule.externallyAccessible()) {
                nat.append("-A ").append(ext).append(" -j KUBE-MARK-MASQ\n");
                balance(nat, ext, rule, rule.externalEndpoints());
            }
            for (Endpoint e : rule.allEndpoints()) {
                String sep = sep(rule, e);
                nat.append("-A ").append(sep).append(" -s ").append(e.ip()).append("/32 -j KUBE-MARK-MASQ\n");
                nat.append("-A ").append(sep).append(" -p ").append(proto)
                        .append(rule.sessionAffinity() ? " -m recent --name " + sep + " --set" : "")
                        .append(" -j DNAT --to-destination ").append(e.address()).append('\n');
            }
        }
        nat.append("-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS\n");
        for (String chain : delete) {
            natChains.append(':').append(chain).append(" - [0:0]\n");
            nat.append("-X ").append(chain).append('\n');
        }
        return filter.append("COMMIT\n").append(natChains).append(nat).append("COMMIT\n").toString();
    }

    /** externalIPs and LoadBalancer IPs: to KUBE-EXT-, or refused in the filter table. */
    private static void external(ServicePortRule rule, String kind, List<String> ips, String proto, String ext,
                                 StringBuilder nat, StringBuilder filter) {
        for (String ip : ips) {
            String match = "-m comment --comment \"" + rule.name() + " " + kind + "\" -d " + ip + "/32 -p " + proto + " -m "
                           + proto + " --dport " + rule.port();
            if (rule.externalVerdict() == Verdict.FORWARD) {
                nat.append("-A KUBE-SERVICES ").append(match).append(" -j ").append(ext).append('\n');
            } else {
                filter.append("-A KUBE-EXTERNAL-SERVICES ").append(match).append(verdict(rule.externalVerdict())).append('\n');
            }
        }
    }

    private static String verdict(Verdict verdict) {
        return verdict == Verdict.DROP ? " -j DROP" : " -j REJECT";
    }

    private static void balance(StringBuilder nat, String chain, ServicePortRule rule, List<Endpoint> endpoints) {
        if (rule.sessionAffinity()) {
            for (Endpoint e : endpoints) {
                nat.append("-A ").append(chain).append(" -m recent --name ").append(sep(rule, e))
                        .append(" --rcheck --seconds ").append(rule.affinitySeconds()).append(" --reap -j ")
                        .append(sep(rule, e)).append('\n');
            }
        }
        for (int i = 0; i < endpoints.size(); i++) {
            int left = endpoints.size() - i;
            nat.append("-A ").append(chain)
                    .append(left > 1 ? String.format(Locale.ROOT, " -m statistic --mode random --probability %.10f", 1.0 / left)
                            : "")
                    .append(" -j ").append(sep(rule, endpoints.get(i))).append('\n');
        }
    }

    private static List<String> chains(ServicePortRule rule) {
        List<String> chains = new java.util.ArrayList<>(List.of(ChainNames.service(rule.name())));
        if (rule.externallyAccessible()) {
            chains.add(ChainNames.external(rule.name()));
        }
        rule.allEndpoints().forEach(e -> chains.add(sep(rule, e)));
        return chains;
    }

    private static String sep(ServicePortRule rule, Endpoint e) {
        return ChainNames.endpoint(rule.name(), e);
    }
}
