package io.kubeplane.proxy.desired;

import java.util.Comparator;

/**
 * One port of one Service, kube-proxy's {@code ServicePortName}: written {@code namespace/name:port}
 * (the port's name, empty for a single unnamed port), plus the protocol, which kube-proxy hashes
 * into its chain names.
 */
public record ServicePortName(String namespace, String name, String port, String protocol)
        implements Comparable<ServicePortName> {

    private static final Comparator<ServicePortName> ORDER = Comparator.comparing(ServicePortName::namespace)
            .thenComparing(ServicePortName::name).thenComparing(ServicePortName::port)
            .thenComparing(ServicePortName::protocol);

    public ServicePortName {
        port = port == null ? "" : port;
    }

    /** {@code default/web:http}, or {@code default/web} for an unnamed port: kube-proxy's form. */
    @Override
    public String toString() {
        return namespace + "/" + name + (port.isEmpty() ? "" : ":" + port);
    }

    /** {@code default/web} */
    public String service() {
        return namespace + "/" + name;
    }

    @Override
    public int compareTo(ServicePortName other) {
        return ORDER.compare(this, other);
    }
}
