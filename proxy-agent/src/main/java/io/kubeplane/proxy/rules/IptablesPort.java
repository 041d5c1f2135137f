package io.kubeplane.proxy.rules;

import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.desired.ServicePortName;
import io.kubeplane.proxy.desired.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Writes one service port's iptables rules, kube-proxy's {@code syncProxyRules} loop body: the
 * dispatch rules (KUBE-SERVICES, KUBE-NODEPORTS in nat; REJECT and DROP in filter) and the port's
 * own chains (SVC, SVL, EXT, SEP). Not thread-safe: one per render.
 */
final class IptablesPort {

    private static final String[] PROBABILITIES = new String[256];

    private final RuleOptions options;
    private final IpFamily family;
    private final boolean largeCluster;

    /** @param largeCluster kube-proxy's large-cluster mode (over 1,000 endpoints): no comments on SVC and SEP rules */
    IptablesPort(RuleOptions options, IpFamily family, boolean largeCluster) {
        this.options = options;
        this.family = family;
        this.largeCluster = largeCluster;
    }

    /** The nat chains the port owns, in declaration order. */
    static List<String> chains(PortPlan plan) {
        ServicePortName name = plan.rule().name();
        List<String> chains = new ArrayList<>(3 + plan.reachable().size());
        if (plan.usesClusterChain()) {
            chains.add(ChainNames.service(name));
        }
        if (plan.usesLocalChain()) {
            chains.add(ChainNames.local(name));
        }
        if (plan.usesExternalChain()) {
            chains.add(ChainNames.external(name));
        }
        for (Endpoint e : plan.reachable()) {
            chains.add(ChainNames.endpoint(name, e));
        }
        return chains;
    }

    /**
     * The dispatch rules: into {@code natServices} (KUBE-SERVICES), {@code natNodePorts}
     * (KUBE-NODEPORTS), {@code filterServices}, {@code filterExternal} (KUBE-EXTERNAL-SERVICES) and
     * {@code filterNodePorts} (health-check ports).
     */
    void dispatch(PortPlan plan, StringBuilder natServices, StringBuilder natNodePorts, StringBuilder filterServices,
                  StringBuilder filterExternal, StringBuilder filterNodePorts) {
        ServicePortName name = plan.rule().name();
        String svc = plan.name();
        String match = " -m " + plan.proto() + " -p " + plan.proto();
        String port = " --dport " + plan.rule().port();
        String ext = plan.usesExternalChain() ? ChainNames.external(name) : null;
        if (plan.hasInternalEndpoints()) {
            String internal = plan.rule().internalLocal() ? ChainNames.local(name) : ChainNames.service(name);
            natServices.append("-A KUBE-SERVICES -m comment --comment \"").append(svc).append(" cluster IP\"")
                    .append(match).append(" -d ").append(plan.clusterIP()).append(port).append(" -j ").append(internal)
                    .append('\n');
        } else {
            filterServices.append("-A KUBE-SERVICES -m comment --comment ").append(filterComment(plan)).append(match)
                    .append(" -d ").append(plan.clusterIP()).append(port).append(" -j ").append(target(plan)).append('\n');
        }
        external(plan, plan.externalIPs(), "external IP", match, port, ext, natServices, filterExternal);
        external(plan, plan.loadBalancerIPs(), "loadbalancer IP", match, port, ext, natServices, filterExternal);
        if (plan.rule().nodePort() > 0) {
            if (ext != null) {
                natNodePorts.append("-A KUBE-NODEPORTS -m comment --comment ").append(svc).append(match)
                        .append(" --dport ").append(plan.rule().nodePort()).append(" -j ").append(ext).append('\n');
            }
            if (!plan.hasExternalEndpoints()) {
                filterExternal.append("-A KUBE-EXTERNAL-SERVICES -m comment --comment ").append(filterComment(plan))
                        .append(" -m addrtype --dst-type LOCAL").append(match).append(" --dport ")
                        .append(plan.rule().nodePort()).append(" -j ").append(target(plan)).append('\n');
            }
        }
        if (plan.rule().healthCheckNodePort() > 0) {
            // Accepted whether or not this node has endpoints: the answer tells the load balancer.
            filterNodePorts.append("-A KUBE-NODEPORTS -m comment --comment \"").append(svc)
                    .append(" health check node port\" -m tcp -p tcp --dport ").append(plan.rule().healthCheckNodePort())
                    .append(" -j ACCEPT\n");
        }
    }

    private static void external(PortPlan plan, List<String> ips, String kind, String match, String port,
                                 @Nullable String ext, StringBuilder nat, StringBuilder filter) {
        for (String ip : ips) {
            if (ext != null) {
                nat.append("-A KUBE-SERVICES -m comment --comment \"").append(plan.name()).append(' ').append(kind)
                        .append('"').append(match).append(" -d ").append(ip).append(port).append(" -j ").append(ext)
                        .append('\n');
            }
            if (!plan.hasExternalEndpoints()) {
                filter.append("-A KUBE-EXTERNAL-SERVICES -m comment --comment ").append(filterComment(plan))
                        .append(match).append(" -d ").append(ip).append(port).append(" -j ").append(target(plan))
                        .append('\n');
            }
        }
    }

    private static String filterComment(PortPlan plan) {
        return "\"" + plan.name() + (plan.hasEndpoints() ? " has no local endpoints\"" : " has no endpoints\"");
    }

    private static String target(PortPlan plan) {
        return plan.internalFilter() == Verdict.REJECT ? "REJECT" : "DROP";
    }

    /** The rules of the port's own chains, as {@link #chains} names them. */
    void chainRules(PortPlan plan, StringBuilder out) {
        ServicePortName name = plan.rule().name();
        String svc = plan.name();
        String svcChain = ChainNames.service(name);
        String svlChain = ChainNames.local(name);
        String podCidr = options.podCidr(family);
        if (plan.hasInternalEndpoints()) {
            String internal = plan.rule().internalLocal() ? svlChain : svcChain;
            String rule = "-A " + internal + " -m comment --comment \"" + svc + " cluster IP\" -m " + plan.proto()
                          + " -p " + plan.proto() + " -d " + plan.clusterIP() + " --dport " + plan.rule().port();
            if (options.masqueradeAll()) {
                out.append(rule).append(" -j KUBE-MARK-MASQ\n");
            } else if (podCidr != null) {
                // Off-cluster traffic to a ClusterIP may bounce to another node: masquerade it.
                out.append(rule).append(" ! -s ").append(podCidr).append(" -j KUBE-MARK-MASQ\n");
            }
        }
        if (plan.usesClusterChain()) {
            toEndpoints(plan, svcChain, plan.cluster(), out);
        }
        if (plan.usesLocalChain()) {
            toEndpoints(plan, svlChain, plan.local(), out);
        }
        if (plan.usesExternalChain()) {
            String ext = ChainNames.external(name);
            if (!plan.rule().externalLocal()) {
                // Non-local endpoints may be on another node: masquerade, or replies bypass this one.
                out.append("-A ").append(ext).append(" -m comment --comment \"masquerade traffic for ").append(svc)
                        .append(" external destinations\" -j KUBE-MARK-MASQ\n");
            } else if (plan.usesClusterChain()) {
                // Pods and the node itself reach an external address of a Local service as if
                // through the load balancer: every endpoint, not only this node's.
                if (podCidr != null) {
                    out.append("-A ").append(ext).append(" -m comment --comment \"pod traffic for ").append(svc)
                            .append(" external destinations\" -s ").append(podCidr).append(" -j ").append(svcChain)
                            .append('\n');
                }
                out.append("-A ").append(ext).append(" -m comment --comment \"masquerade LOCAL traffic for ").append(svc)
                        .append(" external destinations\" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ\n");
                out.append("-A ").append(ext).append(" -m comment --comment \"route LOCAL traffic for ").append(svc)
                        .append(" external destinations\" -m addrtype --src-type LOCAL -j ").append(svcChain).append('\n');
            }
            if (plan.hasExternalEndpoints()) {
                out.append("-A ").append(ext).append(" -j ").append(plan.rule().externalLocal() ? svlChain : svcChain)
                        .append('\n');
            }
        }
        for (Endpoint e : plan.reachable()) {
            String sep = ChainNames.endpoint(name, e);
            String head = largeCluster ? "-A " + sep : "-A " + sep + " -m comment --comment " + svc;
            // Hairpin: a pod reaching itself through the service must see the node, not itself, as source.
            out.append(head).append(" -s ").append(e.ip()).append(" -j KUBE-MARK-MASQ\n");
            out.append(head);
            if (plan.affinity()) {
                out.append(" -m recent --name ").append(sep).append(" --set");
            }
            out.append(" -m ").append(plan.proto()).append(" -p ").append(plan.proto())
                    .append(" -j DNAT --to-destination ").append(e.address()).append('\n');
        }
    }

    /** kube-proxy's {@code writeServiceToEndpointRules}: affinity first, then 1/n, 1/(n-1), ... */
    private void toEndpoints(PortPlan plan, String chain, List<Endpoint> endpoints, StringBuilder out) {
        ServicePortName name = plan.rule().name();
        List<String> seps = new ArrayList<>(endpoints.size());
        for (Endpoint e : endpoints) {
            seps.add(ChainNames.endpoint(name, e));
        }
        if (plan.affinity()) {
            for (int i = 0; i < endpoints.size(); i++) {
                comment(out.append("-A ").append(chain), plan, endpoints.get(i));
                out.append(" -m recent --name ").append(seps.get(i)).append(" --rcheck --seconds ")
                        .append(plan.rule().affinitySeconds()).append(" --reap -j ").append(seps.get(i)).append('\n');
            }
        }
        int n = endpoints.size();
        for (int i = 0; i < n; i++) {
            comment(out.append("-A ").append(chain), plan, endpoints.get(i));
            if (i < n - 1) {
                out.append(" -m statistic --mode random --probability ").append(probability(n - i));
            }
            out.append(" -j ").append(seps.get(i)).append('\n');
        }
    }

    private void comment(StringBuilder out, PortPlan plan, Endpoint e) {
        if (!largeCluster) {
            out.append(" -m comment --comment \"").append(plan.name()).append(" -> ").append(e.address()).append('"');
        }
    }

    /** 1/n with ten decimals, as kube-proxy prints it ({@code %0.10f}). */
    static String probability(int n) {
        if (n < PROBABILITIES.length) {
            String p = PROBABILITIES[n];
            if (p == null) {
                p = String.format(Locale.ROOT, "%.10f", 1.0 / n);
                PROBABILITIES[n] = p; // a benign race: every thread computes the same string
            }
            return p;
        }
        return String.format(Locale.ROOT, "%.10f", 1.0 / n);
    }
}
