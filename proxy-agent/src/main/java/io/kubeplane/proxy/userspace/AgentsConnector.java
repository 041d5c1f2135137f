package io.kubeplane.proxy.userspace;

import io.kubeplane.proxy.desired.Endpoint;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reaches a pod through the agent of its node, where pod IPs (10.244.x.x) are not routable, as in
 * the local cluster: a TCP connection to {@code nodeIP:podNetworkPort}, opened by a
 * {@link Preamble} naming the pod port; UDP datagrams travel length-prefixed on such a stream. The
 * agent at the other end is {@code io.kubeplane.proxy.pods.PodNetwork}. Thread-safe.
 */
public final class AgentsConnector implements EndpointConnector {

    /** A pod that does not answer in 5 s is tried no longer; another endpoint is tried instead. */
    public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 5000;
    /** The largest UDP payload, plus nothing: the length prefix has two bytes. */
    static final int MAX_DATAGRAM = 65535;

    private final NettyTransport transport;
    private final Function<String, Optional<String>> nodeIPs;
    private final int podNetworkPort;
    private final int connectTimeoutMillis;

    /**
     * @param nodeIPs        a node's address by its name, e.g. {@code node-2 -> 127.0.0.2}; read at every
     *                       connection, so it may follow the Node objects
     * @param podNetworkPort the port every agent's pod network listens on (see {@code PodNetwork})
     */
    public AgentsConnector(NettyTransport transport, Function<String, Optional<String>> nodeIPs, int podNetworkPort,
                           int connectTimeoutMillis) {
        this.transport = transport;
        this.nodeIPs = nodeIPs;
        this.podNetworkPort = podNetworkPort;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    public AgentsConnector(NettyTransport transport, Function<String, Optional<String>> nodeIPs, int podNetworkPort) {
        this(transport, nodeIPs, podNetworkPort, DEFAULT_CONNECT_TIMEOUT_MILLIS);
    }

    @Override
    public String name() {
        return "agents";
    }

    @Override
    public Future<Channel> connect(Endpoint endpoint, String protocol, EventLoop loop, ChannelHandler handler) {
        Optional<String> nodeIP = endpoint.nodeName().isEmpty() ? Optional.empty() : nodeIPs.apply(endpoint.nodeName());
        if (nodeIP.isEmpty()) {
            return loop.newFailedFuture(new UnknownHostException(
                    "no address for node '" + endpoint.nodeName() + "' of endpoint " + endpoint.address()));
        }
        byte[] preamble = new Preamble(protocol, endpoint.ip(), endpoint.port()).encode();
        boolean udp = "UDP".equals(protocol);
        return EndpointConnector.channelOf(transport.client(loop).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new PreambleWriter(preamble));
                        if (udp) {
                            ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(MAX_DATAGRAM + 2, 0, 2, 0, 2),
                                    new LengthFieldPrepender(2));
                        }
                        ch.pipeline().addLast(handler);
                    }
                }).connect(nodeIP.get(), podNetworkPort), loop);
    }

    /**
     * Writes the preamble as soon as the connection is up, before the connect promise completes: the
     * proxy's first write happens in that promise's listener, and must come after the preamble. It
     * sits first in the pipeline so the preamble skips the datagram framing.
     */
    private static final class PreambleWriter extends ChannelOutboundHandlerAdapter {
        private final byte[] preamble;

        PreambleWriter(byte[] preamble) {
            this.preamble = preamble;
        }

        @Override
        public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local, ChannelPromise promise) {
            ChannelPromise connected = ctx.newPromise();
            connected.addListener(f -> {
                if (f.isSuccess()) {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(preamble));
                    ctx.pipeline().remove(this);
                    promise.trySuccess();
                } else {
                    promise.tryFailure(f.cause());
                }
            });
            ctx.connect(remote, local, connected);
        }
    }
}
