package io.kubeplane.proxy.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Runs one probe against a pod's IP, as the kubelet does: {@code tcpSocket} passes when a TCP
 * connection opens within the timeout; {@code httpGet} when the answer's status is 200-399. kubeplane
 * runs no containers, so an {@code exec} or {@code grpc} probe has nothing to run in and passes.
 * A named port is looked up among the container's ports. Thread-safe.
 */
public final class ProbeCheck {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** Whether the probe passed. */
    public boolean passes(Probe probe, Container container, String podIp, Duration timeout) {
        try {
            if (probe.getTcpSocket() != null) {
                int port = port(probe.getTcpSocket().getPort(), container);
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(host(probe.getTcpSocket().getHost(), podIp), port),
                            (int) timeout.toMillis());
                    return true;
                }
            }
            if (probe.getHttpGet() != null) {
                return httpGet(probe.getHttpGet(), container, podIp, timeout);
            }
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean httpGet(HTTPGetAction get, Container container, String podIp, Duration timeout)
            throws IOException, InterruptedException {
        String scheme = "HTTPS".equalsIgnoreCase(get.getScheme()) ? "https" : "http";
        String host = host(get.getHost(), podIp);
        String path = get.getPath() == null || get.getPath().isEmpty() ? "/" : get.getPath();
        URI uri = URI.create(scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                             + port(get.getPort(), container) + (path.startsWith("/") ? path : "/" + path));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("User-Agent", "kube-probe/1.32");
        if (get.getHttpHeaders() != null) {
            get.getHttpHeaders().forEach(h -> request.header(h.getName(), h.getValue()));
        }
        int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        return status >= 200 && status < 400;
    }

    private static String host(String host, String podIp) {
        return host == null || host.isEmpty() ? podIp : host;
    }

    static int port(IntOrString port, Container container) {
        if (port == null) {
            throw new IllegalArgumentException("probe without a port");
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        if (container.getPorts() != null) {
            for (ContainerPort declared : container.getPorts()) {
                if (port.getStrVal().equals(declared.getName())) {
                    return declared.getContainerPort();
                }
            }
        }
        throw new IllegalArgumentException("no container port named " + port.getStrVal());
    }
}
