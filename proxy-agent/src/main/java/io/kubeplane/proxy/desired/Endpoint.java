package io.kubeplane.proxy.desired;

/**
 * One backend of a service port, as an EndpointSlice gives it: the pod's address and the port the
 * slice names for the service port, where it runs, and its conditions (an absent {@code ready}
 * counts as ready, an absent {@code serving} as {@code ready}, as kube-proxy reads them).
 *
 * @param local whether the endpoint runs on this agent's node
 * @param pod   {@code namespace/name} of the pod behind it, or empty
 */
public record Endpoint(String ip, int port, String nodeName, boolean ready, boolean serving, boolean terminating,
                       boolean local, String pod) implements Comparable<Endpoint> {

    public Endpoint {
        nodeName = nodeName == null ? "" : nodeName;
        pod = pod == null ? "" : pod;
    }

    /** {@code 10.244.1.5:8080}, or {@code [fd00::5]:8080}: kube-proxy's endpoint string. */
    public String address() {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }

    /** Ordered by address, numerically for IPv4, so rules come out the same on every sync. */
    @Override
    public int compareTo(Endpoint other) {
        int byIp = IpOrder.compare(ip, other.ip);
        return byIp != 0 ? byIp : Integer.compare(port, other.port);
    }
}
