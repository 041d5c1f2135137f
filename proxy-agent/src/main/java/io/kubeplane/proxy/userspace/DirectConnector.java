package io.kubeplane.proxy.userspace;

import io.kubeplane.proxy.desired.Endpoint;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Connects to the endpoint's own {@code ip:port}: for pod IPs this host routes (network-namespace
 * tests, or pods standing in on loopback addresses). UDP uses a connected socket per session.
 * Thread-safe.
 */
public final class DirectConnector implements EndpointConnector {

    private final NettyTransport transport;
    private final int connectTimeoutMillis;

    public DirectConnector(NettyTransport transport, int connectTimeoutMillis) {
        this.transport = transport;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    public DirectConnector(NettyTransport transport) {
        this(transport, AgentsConnector.DEFAULT_CONNECT_TIMEOUT_MILLIS);
    }

    @Override
    public String name() {
        return "direct";
    }

    @Override
    public Future<Channel> connect(Endpoint endpoint, String protocol, EventLoop loop, ChannelHandler handler) {
        InetSocketAddress target = new InetSocketAddress(endpoint.ip(), endpoint.port());
        if ("UDP".equals(protocol)) {
            return EndpointConnector.channelOf(transport.datagram(loop).handler(new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new DatagramPayload(), handler);
                }
            }).connect(target), loop);
        }
        return EndpointConnector.channelOf(transport.client(loop)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis).handler(handler).connect(target), loop);
    }

    /** A connected UDP socket's datagrams as their payload. */
    private static final class DatagramPayload extends MessageToMessageDecoder<DatagramPacket> {
        @Override
        protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
            out.add(packet.content().retain());
        }
    }
}
