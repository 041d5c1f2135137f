package io.kubeplane.proxy.rules;

import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.desired.ServicePortRule;
import io.kubeplane.proxy.desired.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One service port as one family's proxier sees it, with the values kube-proxy's
 * {@code syncProxyRules} derives before it writes a rule: the endpoints of the Cluster and the Local
 * policy chains, and whether the port has endpoints at all, for internal and for external traffic.
 * Every renderer and the packet trace decide from this, so they agree. Immutable.
 *
 * <p>The desired model gives the endpoints per side (ClusterIP traffic, external traffic); the
 * policy chains are derived from them:
 *
 * <pre>
 * internal policy  external policy  Cluster chain (SVC)        Local chain (SVL)
 * Cluster          Cluster          clusterEndpoints           none
 * Cluster          Local            clusterEndpoints           externalEndpoints
 * Local            Cluster          externalEndpoints          clusterEndpoints
 * Local            Local            clusterEndpoints (local)*  clusterEndpoints
 * </pre>
 *
 * (*) kube-proxy would send short-circuited pod and host traffic to all endpoints; the model does
 * not keep them when both policies are Local, so the short circuit reaches this node's only.
 *
 * @param clusterIP     the ClusterIP of this family, or null: the port is not served in this family
 * @param cluster       the Cluster policy chain's endpoints
 * @param local         the Local policy chain's endpoints
 * @param hasEndpoints  whether the port has usable endpoints anywhere (else everything REJECTs)
 */
record PortPlan(ServicePortRule rule, IpFamily family, String proto, String clusterIP, List<String> externalIPs,
                List<String> loadBalancerIPs, List<Endpoint> cluster, List<Endpoint> local, boolean hasEndpoints) {

    /** The plan of {@code rule} in {@code family}, or null when the service has no ClusterIP of that family. */
    static @Nullable PortPlan of(ServicePortRule rule, IpFamily family) {
        String clusterIP = rule.clusterIPs().stream().filter(family::contains).findFirst().orElse(null);
        if (clusterIP == null) {
            return null;
        }
        List<Endpoint> clusterSide = ofFamily(rule.clusterEndpoints(), family);
        List<Endpoint> externalSide = ofFamily(rule.externalEndpoints(), family);
        List<Endpoint> cluster;
        List<Endpoint> local;
        if (!rule.internalLocal()) {
            cluster = clusterSide;
            local = rule.externalLocal() ? externalSide : List.of();
        } else {
            local = clusterSide;
            cluster = rule.externallyAccessible() && !rule.externalLocal() ? externalSide : clusterSide;
        }
        // A DROP verdict means endpoints exist, only none on this node.
        boolean hasEndpoints = !cluster.isEmpty() || !local.isEmpty()
                               || rule.internalVerdict() == Verdict.DROP
                               || (rule.externallyAccessible() && rule.externalVerdict() == Verdict.DROP);
        return new PortPlan(rule, family, rule.protocol().toLowerCase(Locale.ROOT), clusterIP,
                rule.externalIPs().stream().filter(family::contains).toList(),
                rule.loadBalancerIPs().stream().filter(family::contains).toList(), cluster, local, hasEndpoints);
    }

    private static List<Endpoint> ofFamily(List<Endpoint> endpoints, IpFamily family) {
        for (Endpoint e : endpoints) {
            if (!family.contains(e.ip())) {
                return endpoints.stream().filter(x -> family.contains(x.ip())).toList();
            }
        }
        return endpoints;
    }

    String name() {
        return rule.name().toString();
    }

    /** kube-proxy's {@code hasInternalEndpoints}: false sends ClusterIP traffic to REJECT or DROP. */
    boolean hasInternalEndpoints() {
        return hasEndpoints && (!rule.internalLocal() || !local.isEmpty());
    }

    /** kube-proxy's {@code hasExternalEndpoints}. */
    boolean hasExternalEndpoints() {
        return hasEndpoints && (!rule.externalLocal() || !local.isEmpty());
    }

    /** The Cluster policy chain is written: it has endpoints and some traffic uses it (pods' short circuit too). */
    boolean usesClusterChain() {
        return !cluster.isEmpty() && (!rule.internalLocal() || rule.externallyAccessible());
    }

    boolean usesLocalChain() {
        return !local.isEmpty() && (rule.internalLocal() || (rule.externalLocal() && rule.externallyAccessible()));
    }

    /** The EXT chain exists even without external endpoints, for the short circuits of a Local policy. */
    boolean usesExternalChain() {
        return hasEndpoints && rule.externallyAccessible();
    }

    /** The port's endpoints as kube-proxy counts them for its large-cluster mode. */
    int endpointCount() {
        return Math.max(cluster.size(), local.size());
    }

    boolean affinity() {
        return rule.affinitySeconds() > 0;
    }

    List<Endpoint> internalEndpoints() {
        return rule.internalLocal() ? local : cluster;
    }

    List<Endpoint> externalEndpoints() {
        return rule.externalLocal() ? local : cluster;
    }

    /** Every endpoint some chain of this port reaches, in order: one endpoint chain each. */
    List<Endpoint> reachable() {
        boolean c = usesClusterChain();
        boolean l = usesLocalChain();
        if (c && !l) {
            return cluster;
        }
        if (l && !c) {
            return local;
        }
        if (!c) {
            return List.of();
        }
        TreeSet<Endpoint> all = new TreeSet<>(cluster);
        all.addAll(local);
        return List.copyOf(all);
    }

    /** What filters ClusterIP traffic without internal endpoints: REJECT when none anywhere, else DROP. */
    Verdict internalFilter() {
        return !hasEndpoints ? Verdict.REJECT : Verdict.DROP;
    }

    Verdict externalFilter() {
        return internalFilter();
    }
}
