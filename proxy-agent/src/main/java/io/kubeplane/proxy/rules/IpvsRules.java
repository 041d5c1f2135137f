package io.kubeplane.proxy.rules;

import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.desired.ServicePortRule;
import io.kubeplane.proxy.desired.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What kube-proxy's IPVS mode programs for a {@link ProxyState}, in the forms its tools print: the
 * virtual and real servers as {@code ipvsadm -Sn} (one virtual server per ClusterIP, externalIP,
 * LoadBalancer IP and NodePort on each node IP; masquerading real servers of weight 1; {@code -p}
 * for ClientIP affinity), the addresses it puts on the {@code kube-ipvs0} dummy interface, and the
 * ipsets its iptables helpers match. A port without endpoints gets a virtual server with no real
 * server, as in kube-proxy (the connection then fails). Pure and thread-safe.
 *
 * @param scheduler {@code rr}, {@code lc} or {@code sh}
 */
public record IpvsRules(String scheduler) {

    public IpvsRules {
        if (!Set.of("rr", "lc", "sh").contains(scheduler)) {
            throw new IllegalArgumentException("IPVS scheduler must be rr, lc or sh, was " + scheduler);
        }
    }

    /** {@code ipvsadm -Sn} */
    public String virtualServers(ProxyState state) {
        StringBuilder out = new StringBuilder();
        for (ServicePortRule rule : state.ports().values()) {
            String flag = flag(rule.protocol());
            for (String ip : rule.clusterIPs()) {
                server(out, flag, ip, rule.port(), rule, rule.clusterEndpoints());
            }
            for (String ip : rule.externalAddresses()) {
                server(out, flag, ip, rule.port(), rule, rule.externalEndpoints());
            }
            if (rule.nodePort() > 0) {
                for (String nodeIp : state.nodeIPs()) {
                    server(out, flag, nodeIp, rule.nodePort(), rule, rule.externalEndpoints());
                }
            }
        }
        return out.toString();
    }

    private void server(StringBuilder out, String flag, String ip, int port, ServicePortRule rule, List<Endpoint> endpoints) {
        String address = (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
        out.append("-A ").append(flag).append(' ').append(address).append(" -s ").append(scheduler);
        if (rule.sessionAffinity()) {
            out.append(" -p ").append(rule.affinitySeconds());
        }
        out.append('\n');
        for (Endpoint e : endpoints) {
            out.append("-a ").append(flag).append(' ').append(address).append(" -r ").append(e.address()).append(" -m -w 1\n");
        }
    }

    /** The addresses bound to {@code kube-ipvs0}: every ClusterIP, externalIP and LoadBalancer IP. */
    public List<String> dummyAddresses(ProxyState state) {
        Set<String> addresses = new TreeSet<>();
        for (ServicePortRule rule : state.ports().values()) {
            addresses.addAll(rule.clusterIPs());
            addresses.addAll(rule.externalAddresses());
        }
        return List.copyOf(addresses);
    }

    /** {@code ipset save} form of the sets kube-proxy's IPVS mode matches in iptables. */
    public String ipsets(ProxyState state) {
        Set<String> clusterIps = new TreeSet<>();
        Set<String> externalIps = new TreeSet<>();
        Set<String> nodePortsTcp = new TreeSet<>();
        Set<String> nodePortsUdp = new TreeSet<>();
        Set<String> loopback = new TreeSet<>();
        for (ServicePortRule rule : state.ports().values()) {
            String proto = rule.protocol().toLowerCase(Locale.ROOT);
            rule.clusterIPs().forEach(ip -> clusterIps.add(ip + "," + proto + ":" + rule.port()));
            rule.externalAddresses().forEach(ip -> externalIps.add(ip + "," + proto + ":" + rule.port()));
            if (rule.nodePort() > 0) {
                ("udp".equals(proto) ? nodePortsUdp : nodePortsTcp).add(Integer.toString(rule.nodePort()));
            }
            for (Endpoint e : rule.allEndpoints()) {
                loopback.add(e.ip() + "," + proto + ":" + e.port() + "," + e.ip());
            }
        }
        StringBuilder out = new StringBuilder();
        set(out, "KUBE-CLUSTER-IP", "hash:ip,port", clusterIps);
        set(out, "KUBE-EXTERNAL-IP", "hash:ip,port", externalIps);
        set(out, "KUBE-NODE-PORT-TCP", "bitmap:port range 0-65535", nodePortsTcp);
        set(out, "KUBE-NODE-PORT-UDP", "bitmap:port range 0-65535", nodePortsUdp);
        set(out, "KUBE-LOOP-BACK", "hash:ip,port,ip", loopback);
        return out.toString();
    }

    /**
     * What {@code ipvsadm -R} restores: the table cleared and every virtual server written again
     * (IPVS has no transactions; a partial sync would add and delete single servers, which this
     * rendering does not do yet).
     */
    public RuleTexts texts() {
        return new RuleTexts() {
            @Override
            public String full(ProxyState state) {
                return "-C\n" + virtualServers(state);
            }

            @Override
            public String changes(ProxyState previous, ProxyState current) {
                return previous.equals(current) ? "" : full(current);
            }

            @Override
            public String cleanup() {
                return "-C\n";
            }
        };
    }

    /** Everything, as the {@code /rules?format=ipvs} view shows it. */
    public String render(ProxyState state) {
        StringBuilder out = new StringBuilder("# ipvsadm -Sn\n").append(virtualServers(state));
        out.append("# ip addr show kube-ipvs0\n");
        dummyAddresses(state).forEach(a -> out.append("inet ").append(a).append(a.contains(":") ? "/128" : "/32")
                .append(" scope global kube-ipvs0\n"));
        out.append("# ipset save\n").append(ipsets(state));
        List<String> refused = new ArrayList<>();
        state.ports().values().stream().filter(r -> r.internalVerdict() != Verdict.FORWARD)
                .forEach(r -> refused.add(r.name().toString()));
        if (!refused.isEmpty()) {
            out.append("# no endpoints (connections fail): ").append(String.join(", ", refused)).append('\n');
        }
        return out.toString();
    }

    private static void set(StringBuilder out, String name, String type, Set<String> members) {
        out.append("create ").append(name).append(' ').append(type).append('\n');
        members.forEach(m -> out.append("add ").append(name).append(' ').append(m).append('\n'));
    }

    private static String flag(String protocol) {
        return switch (protocol) {
            case "UDP" -> "-u";
            case "SCTP" -> "--sctp-service";
            default -> "-t";
        };
    }
}
