package io.kubeplane.proxy.desired;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The whole desired state of one node's service proxy: every service port with its rule, in
 * {@link ServicePortName} order, so the same inputs always render the same rules. Immutable.
 *
 * @param nodeName the agent's node
 * @param nodeIPs  the node's addresses, where NodePorts are served
 */
public record ProxyState(String nodeName, List<String> nodeIPs, SortedMap<ServicePortName, ServicePortRule> ports) {

    public ProxyState {
        nodeIPs = List.copyOf(nodeIPs);
        ports = Collections.unmodifiableSortedMap(new TreeMap<>(ports));
    }

    public static ProxyState empty(String nodeName, List<String> nodeIPs) {
        return new ProxyState(nodeName, nodeIPs, new TreeMap<>());
    }

    /** The rules of one Service's ports, e.g. {@code default/web}. */
    public List<ServicePortRule> service(String namespaceAndName) {
        return ports.values().stream().filter(r -> r.name().service().equals(namespaceAndName)).toList();
    }

    /** Rules by name, for looking one up. */
    public Map<ServicePortName, ServicePortRule> byName() {
        return ports;
    }
}
