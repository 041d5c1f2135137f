package io.kubeplane.proxy.rules;

import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.desired.ServicePortRule;
import io.kubeplane.proxy.desired.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * "What happens to a packet from this client to this address and port on this node?", answered from
 * the state the proxy programs, in the iptables chains kube-proxy would send it through: which
 * dispatch rule matches (a ClusterIP, an externalIP, a LoadBalancer IP or a NodePort on one of the
 * node's addresses), the service chain with its endpoints and their chances, session affinity, the
 * endpoint it lands on and the DNAT — or why it is rejected or dropped. Where the kernel picks at
 * random, the trace picks by a hash of the client address, so the same question gets the same
 * answer. Pure.
 *
 * @param verdict   {@code forwarded}, {@code rejected}, {@code dropped} or {@code no service}
 * @param service   the matched service port, e.g. {@code default/web:http}, or null
 * @param endpoint  the chosen endpoint, e.g. {@code 10.244.1.5:8080}, or null
 * @param pod       the pod behind it, or null
 * @param node      the node that pod runs on, or null
 * @param steps     the path, one line per chain
 */
public record PacketTrace(String client, String destination, int port, String protocol, String verdict,
                          @Nullable String service, @Nullable String endpoint, @Nullable String pod, @Nullable String node,
                          List<String> steps) {

    public static PacketTrace of(ProxyState state, String client, String destination, int port, String protocol) {
        String proto = protocol.toUpperCase(Locale.ROOT);
        List<String> steps = new ArrayList<>();
        steps.add("nat PREROUTING -> KUBE-SERVICES: " + proto + " " + client + " -> " + destination + ":" + port
                  + " on node " + state.nodeName());
        for (ServicePortRule rule : state.ports().values()) {
            if (!rule.protocol().equals(proto)) {
                continue;
            }
            String kind = null;
            boolean external = true;
            if (rule.port() == port && rule.clusterIPs().contains(destination)) {
                kind = "cluster IP";
                external = false;
            } else if (rule.port() == port && rule.externalIPs().contains(destination)) {
                kind = "external IP";
            } else if (rule.port() == port && rule.loadBalancerIPs().contains(destination)) {
                kind = "loadbalancer IP";
            } else if (rule.nodePort() > 0 && rule.nodePort() == port && state.nodeIPs().contains(destination)) {
                kind = "nodePort";
                steps.add("KUBE-SERVICES: destination is local -> KUBE-NODEPORTS");
            }
            if (kind != null) {
                return follow(state, rule, kind, external, client, destination, port, proto, steps);
            }
        }
        steps.add("no rule in KUBE-SERVICES or KUBE-NODEPORTS matches: the packet is not a service's, the proxy leaves it");
        return new PacketTrace(client, destination, port, proto, "no service", null, null, null, null, steps);
    }

    private static PacketTrace follow(ProxyState state, ServicePortRule rule, String kind, boolean external, String client,
                                      String destination, int port, String proto, List<String> steps) {
        String name = rule.name().toString();
        Verdict verdict = external ? rule.externalVerdict() : rule.internalVerdict();
        List<Endpoint> endpoints = external ? rule.externalEndpoints() : rule.clusterEndpoints();
        if (verdict == Verdict.REJECT) {
            steps.add("filter KUBE-SERVICES: \"" + name + " has no endpoints\" -> REJECT (icmp port-unreachable / TCP reset)");
            return new PacketTrace(client, destination, port, proto, "rejected", name, null, null, null, steps);
        }
        if (verdict == Verdict.DROP) {
            steps.add("filter KUBE-EXTERNAL-SERVICES: \"" + name
                      + " has no local endpoints\" (traffic policy Local) -> DROP");
            return new PacketTrace(client, destination, port, proto, "dropped", name, null, null, null, steps);
        }
        String chain = external ? ChainNames.external(rule.name()) : ChainNames.service(rule.name());
        steps.add("matched \"" + name + " " + kind + "\" -> " + chain);
        if (external) {
            steps.add(chain + ": KUBE-MARK-MASQ (the reply must come back through this node)"
                      + (rule.externalLocal() ? "; externalTrafficPolicy Local: only this node's endpoints" : ""));
        }
        int n = endpoints.size();
        steps.add(chain + ": " + n + " endpoint" + (n == 1 ? "" : "s") + ", each taken with probability "
                  + String.format(Locale.ROOT, "%.10f", 1.0 / n)
                  + (rule.sessionAffinity() ? "; ClientIP affinity " + rule.affinitySeconds() + " s: a client seen in the"
                                               + " last " + rule.affinitySeconds() + " s goes back to its endpoint" : ""));
        Endpoint chosen = endpoints.get(Math.floorMod(hash(client), n));
        steps.add("chosen by a hash of the client address (the kernel picks at random): " + chosen.address());
        String sep = ChainNames.endpoint(rule.name(), chosen);
        steps.add(sep + ": DNAT to " + chosen.address() + (chosen.pod().isEmpty() ? "" : " (pod " + chosen.pod() + ")")
                  + (chosen.nodeName().isEmpty() ? "" : " on " + chosen.nodeName())
                  + (chosen.local() ? ", this node" : ", routed to that node"));
        return new PacketTrace(client, destination, port, proto, "forwarded", name, chosen.address(),
                chosen.pod().isEmpty() ? null : chosen.pod(), chosen.nodeName().isEmpty() ? null : chosen.nodeName(), steps);
    }

    private static int hash(String client) {
        int h = 0x811c9dc5;
        for (byte b : client.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x01000193;
        }
        return h;
    }

    /** The steps, one per line. */
    public String text() {
        return String.join("\n", steps) + "\n";
    }
}
