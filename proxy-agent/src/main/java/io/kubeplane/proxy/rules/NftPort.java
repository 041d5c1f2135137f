package io.kubeplane.proxy.rules;

import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.desired.ServicePortName;
import io.kubeplane.proxy.desired.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import org.jspecify.annotations.Nullable;

/**
 * One service port's share of the {@code kube-proxy} nftables table, kube-proxy's
 * {@code syncProxyRules} loop body: its chains with their rules, its affinity sets, and its
 * elements of the shared sets and maps ({@code service-ips}, {@code service-nodeports},
 * {@code no-endpoint-*}, {@code cluster-ips}, {@code hairpin-ips}). A full sync writes every
 * port's fragment, a partial one compares the fragments of changed ports. Immutable.
 *
 * <p>One departure from kube-proxy's layout, for speed: a port without ClientIP affinity has no
 * per-endpoint chains. Its service chain picks the endpoint with one {@code numgen random} rule per
 * endpoint (probabilities 1/n, 1/(n-1), ... 1, as kube-proxy's iptables mode does) that DNATs
 * directly, and hairpin traffic (a pod reaching itself through its service) is masqueraded by one
 * {@code hairpin-ips} lookup in postrouting instead of a rule per endpoint. kube-proxy's per-endpoint
 * chains and anonymous {@code numgen ... vmap} sets make nft 1.0.6 slow down with the table: at 10,000
 * services x 10 endpoints a full sync took 105 s with them and a one-service change 0.65 s, because
 * every {@code nft} call reads back all 110,000 chains. Ports with affinity keep kube-proxy's
 * endpoint chains, which hold the {@code update @affinity-...} statements.
 *
 * @param chains   chain name to its rules, in the order they are added
 * @param sets     the per-endpoint ClientIP affinity sets
 * @param elements this port's elements of the shared sets and maps
 */
record NftPort(SequencedMap<String, List<String>> chains, List<AffinitySet> sets, List<Element> elements) {

    /** An element of a set ({@code value} null) or verdict map. */
    record Element(String container, String key, @Nullable String value, @Nullable String comment) {

        String spec() {
            return key + (comment == null ? "" : " comment \"" + comment + "\"") + (value == null ? "" : " : " + value);
        }
    }

    /** A dynamic set of client addresses that expire after {@code timeoutSeconds}. */
    record AffinitySet(String name, int timeoutSeconds) {
    }

    static NftPort of(PortPlan plan, RuleOptions options) {
        ServicePortName name = plan.rule().name();
        String ip = plan.family().nft();
        String svcChain = ChainNames.nftService(name);
        String localChain = ChainNames.nftLocal(name);
        String extChain = ChainNames.nftExternal(name);
        String internalChain = plan.rule().internalLocal() ? localChain : svcChain;
        SequencedMap<String, List<String>> chains = new LinkedHashMap<>();
        List<AffinitySet> sets = new ArrayList<>();
        List<Endpoint> reachable = plan.reachable();
        if (plan.usesClusterChain()) {
            chains.put(svcChain, new ArrayList<>(4));
        }
        if (plan.usesLocalChain()) {
            chains.put(localChain, new ArrayList<>(4));
        }
        if (plan.usesExternalChain()) {
            chains.put(extChain, new ArrayList<>(4));
        }
        List<String> endpointChains = new ArrayList<>(reachable.size());
        if (plan.affinity()) {
            for (Endpoint e : reachable) {
                String chain = ChainNames.nftEndpoint(name, e);
                endpointChains.add(chain);
                chains.put(chain, new ArrayList<>(2));
                sets.add(new AffinitySet(ChainNames.nftAffinity(name, e), plan.rule().affinitySeconds()));
            }
        }
        String podCidr = options.podCidr(plan.family());
        if (plan.hasInternalEndpoints() && chains.containsKey(internalChain)) {
            if (options.masqueradeAll()) {
                chains.get(internalChain).add(ip + " daddr " + plan.clusterIP() + " jump mark-for-masquerade");
            } else if (podCidr != null) {
                // Off-cluster traffic to a ClusterIP may bounce to another node: masquerade it.
                chains.get(internalChain).add(ip + " daddr " + plan.clusterIP() + " " + ip + " saddr != " + podCidr
                                              + " jump mark-for-masquerade");
            }
        }
        if (plan.usesClusterChain()) {
            toEndpoints(plan, chains.get(svcChain), plan.cluster());
        }
        if (plan.usesLocalChain()) {
            toEndpoints(plan, chains.get(localChain), plan.local());
        }
        if (plan.usesExternalChain()) {
            List<String> ext = chains.get(extChain);
            if (!plan.rule().externalLocal()) {
                ext.add("jump mark-for-masquerade");
            } else if (plan.usesClusterChain()) {
                if (podCidr != null) {
                    ext.add(ip + " saddr " + podCidr + " goto " + svcChain + " comment \"short-circuit pod traffic\"");
                }
                ext.add("fib saddr type local jump mark-for-masquerade comment \"masquerade local traffic\"");
                ext.add("fib saddr type local goto " + svcChain + " comment \"short-circuit local traffic\"");
            }
            if (plan.hasExternalEndpoints()) {
                ext.add("goto " + (plan.rule().externalLocal() ? localChain : svcChain));
            }
        }
        for (int i = 0; i < endpointChains.size(); i++) {
            Endpoint e = reachable.get(i);
            List<String> rules = chains.get(endpointChains.get(i));
            rules.add("update @" + ChainNames.nftAffinity(name, e) + " { " + ip + " saddr }");
            rules.add("meta l4proto " + plan.proto() + " dnat to " + e.address());
        }
        return new NftPort(chains, sets, elements(plan, internalChain, extChain, reachable));
    }

    /**
     * kube-proxy's {@code writeServiceToEndpointRules}: with affinity, the lookups of each endpoint's
     * set and then a random endpoint chain; without, a random endpoint DNATed at once. Each rule
     * draws its own number: the first takes 1/n of the traffic, the next 1/(n-1) of the rest, the
     * last all that is left, so every endpoint gets 1/n.
     */
    private static void toEndpoints(PortPlan plan, List<String> rules, List<Endpoint> endpoints) {
        ServicePortName name = plan.rule().name();
        String proto = "meta l4proto " + plan.proto() + " ";
        if (plan.affinity()) {
            for (Endpoint e : endpoints) {
                rules.add(plan.family().nft() + " saddr @" + ChainNames.nftAffinity(name, e) + " goto "
                          + ChainNames.nftEndpoint(name, e));
            }
        }
        int n = endpoints.size();
        for (int i = 0; i < n; i++) {
            Endpoint e = endpoints.get(i);
            String pick = i == n - 1 ? "" : "numgen random mod " + (n - i) + " 0 ";
            rules.add(plan.affinity() ? pick + "goto " + ChainNames.nftEndpoint(name, e)
                    : proto + pick + "dnat to " + e.address());
        }
    }

    private static List<Element> elements(PortPlan plan, String internalChain, String extChain,
                                          List<Endpoint> reachable) {
        List<Element> out = new ArrayList<>(4 + reachable.size());
        String proto = plan.proto();
        String port = " . " + proto + " . " + plan.rule().port();
        String filter = plan.internalFilter() == Verdict.REJECT ? "goto reject-chain" : "drop";
        String comment = plan.name();
        out.add(new Element("cluster-ips", plan.clusterIP(), null, null));
        if (plan.hasInternalEndpoints()) {
            out.add(new Element("service-ips", plan.clusterIP() + port, "goto " + internalChain, null));
        } else {
            out.add(new Element("no-endpoint-services", plan.clusterIP() + port, filter, comment));
        }
        List<String> external = new ArrayList<>(plan.externalIPs());
        external.addAll(plan.loadBalancerIPs());
        for (String ip : external) {
            if (plan.hasEndpoints()) {
                out.add(new Element("service-ips", ip + port, "goto " + extChain, null));
            }
            if (!plan.hasExternalEndpoints()) {
                out.add(new Element("no-endpoint-services", ip + port, filter, comment));
            }
        }
        if (plan.rule().nodePort() > 0) {
            String key = proto + " . " + plan.rule().nodePort();
            if (plan.hasEndpoints()) {
                out.add(new Element("service-nodeports", key, "goto " + extChain, null));
            }
            if (!plan.hasExternalEndpoints()) {
                out.add(new Element("no-endpoint-nodeports", key, filter, comment));
            }
        }
        for (Endpoint e : reachable) {
            out.add(new Element(HAIRPIN, e.ip() + " . " + e.ip(), null, null));
        }
        return out;
    }

    /** The set of (endpoint . endpoint) address pairs whose traffic is masqueraded: a pod that reached itself. */
    static final String HAIRPIN = "hairpin-ips";
}
