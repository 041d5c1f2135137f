package io.kubeplane.proxy.rules;

import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.desired.ServicePortName;
import io.kubeplane.proxy.desired.ServicePortRule;
import io.kubeplane.proxy.desired.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Builds {@link ProxyState}s for the renderer tests without going through Services and
 * EndpointSlices. Address ranges, as in every suite here: pods {@code 10.244.0.0/16} (IPv6
 * {@code fd00:10:244::/64}), ClusterIPs {@code 10.96.0.0/12} ({@code fd00:10:96::/112}), this node
 * {@code node-1} at {@code 192.168.0.2}, externalIPs {@code 192.168.99.0/24}, LoadBalancer IPs
 * {@code 1.2.3.4} and {@code 5.6.7.8}, clients outside {@code 203.0.113.0/24}.
 */
final class Fixtures {

    static final String NODE = "node-1";
    static final String NODE_IP = "192.168.0.2";

    private Fixtures() {
    }

    /** A ready endpoint on {@code node}, of pod {@code default/pod-<ip>}. */
    static Endpoint ep(String ip, int port, String node) {
        return new Endpoint(ip, port, node, true, true, false, NODE.equals(node), "default/pod-" + ip);
    }

    static ProxyState state(ServicePortRule... rules) {
        return state(List.of(NODE_IP), rules);
    }

    static ProxyState state(List<String> nodeIPs, ServicePortRule... rules) {
        TreeMap<ServicePortName, ServicePortRule> ports = new TreeMap<>();
        for (ServicePortRule r : rules) {
            ports.put(r.name(), r);
        }
        return new ProxyState(NODE, nodeIPs, ports);
    }

    static Port port(String namespaceAndName, String portName, String clusterIP, int port) {
        return new Port(namespaceAndName, portName, clusterIP, port);
    }

    /** A mutable builder of one {@link ServicePortRule}, computing endpoints and verdicts as DesiredState does. */
    static final class Port {
        private final ServicePortName name;
        private final List<String> clusterIPs = new ArrayList<>();
        private final int port;
        private String type = "ClusterIP";
        private int nodePort;
        private List<String> externalIPs = List.of();
        private List<String> lbIPs = List.of();
        private boolean internalLocal;
        private boolean externalLocal;
        private int affinity;
        private int healthCheckNodePort;
        private String protocol = "TCP";
        private List<Endpoint> endpoints = List.of();

        Port(String namespaceAndName, String portName, String clusterIP, int port) {
            String[] nn = namespaceAndName.split("/");
            this.name = new ServicePortName(nn[0], nn[1], portName, "TCP");
            this.clusterIPs.add(clusterIP);
            this.port = port;
        }

        Port protocol(String p) {
            protocol = p;
            return this;
        }

        Port nodePort(int np) {
            type = "NodePort";
            nodePort = np;
            return this;
        }

        Port loadBalancer(int np, String... ips) {
            type = "LoadBalancer";
            nodePort = np;
            lbIPs = List.of(ips);
            return this;
        }

        Port externalIPs(String... ips) {
            externalIPs = List.of(ips);
            return this;
        }

        Port externalLocal(int healthCheck) {
            externalLocal = true;
            healthCheckNodePort = healthCheck;
            return this;
        }

        Port internalLocal() {
            internalLocal = true;
            return this;
        }

        Port affinity(int seconds) {
            affinity = seconds;
            return this;
        }

        Port endpoints(Endpoint... eps) {
            endpoints = List.of(eps);
            return this;
        }

        ServicePortRule build() {
            ServicePortName n = new ServicePortName(name.namespace(), name.name(), name.port(), protocol);
            boolean accessible = nodePort > 0 || !externalIPs.isEmpty() || !lbIPs.isEmpty();
            List<Endpoint> sorted = endpoints.stream().sorted().toList();
            List<Endpoint> local = sorted.stream().filter(Endpoint::local).toList();
            List<Endpoint> clusterSide = internalLocal ? local : sorted;
            List<Endpoint> externalSide = externalLocal ? local : sorted;
            boolean any = !sorted.isEmpty();
            return new ServicePortRule(n, type, protocol, clusterIPs, port, nodePort, externalIPs, lbIPs,
                    internalLocal, externalLocal, affinity, healthCheckNodePort, clusterSide,
                    accessible ? externalSide : List.of(), verdict(clusterSide, any),
                    accessible ? verdict(externalSide, any) : Verdict.REJECT);
        }

        private static Verdict verdict(List<Endpoint> eps, boolean any) {
            return !eps.isEmpty() ? Verdict.FORWARD : any ? Verdict.DROP : Verdict.REJECT;
        }
    }
}
