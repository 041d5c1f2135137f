package io.kubeplane.proxy.pods;

import io.netty.channel.Channel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What answers on one declared container port of a running pod, standing in for the container:
 * HTTP, a TCP echo or a UDP echo (see {@link #kindOf}). {@link #serve} puts it on a stream, whether
 * accepted on the pod's own address or handed over by the {@link PodNetwork}. Thread-safe.
 */
public final class Responder {

    public enum Kind { HTTP, ECHO, UDP_ECHO }

    private final String namespace;
    private final String podName;
    private final String podIp;
    private final String nodeName;
    private final int port;
    private final String protocol;
    private final String portName;
    private final Kind kind;
    private final HttpResponder http;
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();

    Responder(String namespace, String podName, String podIp, String nodeName, int port, String protocol,
              String portName, String clusterDnsIp, Supplier<String> env) {
        this.namespace = namespace;
        this.podName = podName;
        this.podIp = podIp;
        this.nodeName = nodeName;
        this.port = port;
        this.protocol = protocol;
        this.portName = portName;
        this.kind = kindOf(protocol, portName, port);
        this.http = kind == Kind.HTTP ? new HttpResponder(
                (podName + " " + podIp + " " + nodeName + "\n").getBytes(StandardCharsets.UTF_8),
                PodEnvironment.resolvConf(namespace, clusterDnsIp).getBytes(StandardCharsets.UTF_8), env) : null;
    }

    /**
     * Which responder a port gets. A TCP port speaks HTTP when its name contains {@code http} (but
     * not {@code https}: that would be TLS), or when it is 80, 3000, 8000 or 8080 and its name does not
     * say {@code https}; every other TCP port echoes, and every UDP port echoes datagrams.
     */
    public static Kind kindOf(String protocol, String portName, int port) {
        if ("UDP".equals(protocol)) {
            return Kind.UDP_ECHO;
        }
        String name = portName.toLowerCase(Locale.ROOT);
        if (name.contains("https")) {
            return Kind.ECHO;
        }
        return name.contains("http") || port == 80 || port == 3000 || port == 8000 || port == 8080 ? Kind.HTTP : Kind.ECHO;
    }

    /**
     * Answers on {@code stream}, whose pipeline it completes: HTTP/1.1, echo, or for a UDP port
     * datagrams framed as the pod network frames them (a 2-byte length each).
     */
    public void serve(Channel stream) {
        connections.add(stream);
        stream.closeFuture().addListener(f -> connections.remove(stream));
        switch (kind) {
            case HTTP -> stream.pipeline().addLast(new HttpServerCodec(), http);
            case ECHO -> stream.pipeline().addLast(Echo.STREAM);
            case UDP_ECHO -> stream.pipeline().addLast(new LengthFieldBasedFrameDecoder(65537, 0, 2, 0, 2),
                    new LengthFieldPrepender(2), Echo.STREAM);
        }
    }

    /** The pod stopped: its open connections end. */
    void closeConnections() {
        connections.forEach(Channel::close);
    }

    public String namespace() {
        return namespace;
    }

    public String podName() {
        return podName;
    }

    public String podIp() {
        return podIp;
    }

    public String nodeName() {
        return nodeName;
    }

    public int port() {
        return port;
    }

    public String protocol() {
        return protocol;
    }

    public String portName() {
        return portName;
    }

    public Kind kind() {
        return kind;
    }

    /** Same pod, port and kind: a responder that need not be replaced. */
    boolean sameAs(Responder other) {
        return namespace.equals(other.namespace) && podName.equals(other.podName) && podIp.equals(other.podIp)
               && nodeName.equals(other.nodeName) && port == other.port && protocol.equals(other.protocol)
               && portName.equals(other.portName);
    }

    @Override
    public String toString() {
        return namespace + "/" + podName + " " + protocol + " " + podIp + ":" + port + " (" + kind + ")";
    }
}
