package io.kubeplane.proxy.desired;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

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

    /**
     * The service ports added, removed, or whose rule differs since {@code previous}, in order. One
     * walk over both sorted maps side by side: a partial sync of a large state stays cheap.
     */
    public SortedSet<ServicePortName> changedSince(ProxyState previous) {
        SortedSet<ServicePortName> changed = new TreeSet<>();
        Iterator<Map.Entry<ServicePortName, ServicePortRule>> before = previous.ports.entrySet().iterator();
        Iterator<Map.Entry<ServicePortName, ServicePortRule>> after = ports.entrySet().iterator();
        Map.Entry<ServicePortName, ServicePortRule> b = before.hasNext() ? before.next() : null;
        Map.Entry<ServicePortName, ServicePortRule> a = after.hasNext() ? after.next() : null;
        while (b != null || a != null) {
            int order = b == null ? 1 : a == null ? -1 : b.getKey().compareTo(a.getKey());
            if (order < 0) {
                changed.add(b.getKey());
                b = before.hasNext() ? before.next() : null;
            } else if (order > 0) {
                changed.add(a.getKey());
                a = after.hasNext() ? after.next() : null;
            } else {
                if (b.getValue() != a.getValue() && !b.getValue().equals(a.getValue())) {
                    changed.add(a.getKey());
                }
                b = before.hasNext() ? before.next() : null;
                a = after.hasNext() ? after.next() : null;
            }
        }
        return changed;
    }

    /** Rules by name, for looking one up. */
    public Map<ServicePortName, ServicePortRule> byName() {
        return ports;
    }
}
