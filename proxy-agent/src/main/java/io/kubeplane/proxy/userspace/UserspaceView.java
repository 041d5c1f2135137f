package io.kubeplane.proxy.userspace;

import java.util.List;

/**
 * What the userspace proxy does for one service port right now, for the agent's HTTP view:
 * where it listens, which addresses it could not bind and why, and its endpoints with their open
 * connections (an endpoint that is gone but still draining is listed, with neither side). Immutable.
 *
 * @param servicePort     {@code default/web:http}
 * @param internalVerdict FORWARD, REJECT or DROP for ClusterIP traffic
 * @param externalVerdict the same for NodePort, externalIP and load-balancer traffic
 */
public record UserspaceView(String servicePort, String protocol, String internalVerdict, String externalVerdict,
                            List<Listening> listening, List<Skipped> skipped, List<EndpointConnections> endpoints) {

    public UserspaceView {
        listening = List.copyOf(listening);
        skipped = List.copyOf(skipped);
        endpoints = List.copyOf(endpoints);
    }

    /**
     * @param address {@code 127.0.0.1:30080}
     * @param kind    {@code ClusterIP}, {@code NodePort}, {@code externalIP} or {@code LoadBalancer}
     */
    public record Listening(String address, String kind) {
    }

    /** @param reason e.g. {@code Cannot assign requested address} */
    public record Skipped(String address, String kind, String reason) {
    }

    /**
     * @param cluster  whether ClusterIP traffic goes to it
     * @param external whether NodePort, externalIP and load-balancer traffic goes to it
     * @param active   open connections (TCP) or sessions (UDP) to it
     */
    public record EndpointConnections(String address, String nodeName, String pod, boolean cluster, boolean external,
                                      int active) {
    }
}
