package io.kubeplane.proxy.userspace;

import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.pods.PodNetwork;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** How the userspace proxy reaches an endpoint. */
public interface EndpointConnector {

    int CONNECT_TIMEOUT_MS = 2000;

    Socket connect(Endpoint endpoint) throws IOException;

    /** Straight to the pod's address: where pod IPs are routable. */
    static EndpointConnector direct() {
        return endpoint -> {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(endpoint.ip(), endpoint.port()), CONNECT_TIMEOUT_MS);
            return socket;
        };
    }

    /**
     * Through the pod's node agent, at its {@link PodNetwork} port: where pod IPs are not routable.
     *
     * @param nodeIp the address of a node by name, null when unknown
     */
    static EndpointConnector agents(Function<String, @Nullable String> nodeIp, int podNetworkPort) {
        return endpoint -> {
            String node = nodeIp.apply(endpoint.nodeName());
            if (node == null) {
                throw new IOException("no address known for node " + endpoint.nodeName() + " of " + endpoint.address());
            }
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(node, podNetworkPort), CONNECT_TIMEOUT_MS);
            socket.getOutputStream().write(PodNetwork.preambleFor(endpoint.ip(), endpoint.port()));
            return socket;
        };
    }
}
