package io.kubeplane.proxy.userspace;

import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.desired.Verdict;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;

/**
 * One proxied TCP connection, from the client's side: on accept it applies the side's verdict
 * (REJECT resets at once, DROP closes), picks an endpoint and connects to it on the same event
 * loop, trying another endpoint when a connect fails; then it copies bytes both ways, reading from
 * one side only while the other can take more. A reset from the endpoint is passed on as a reset.
 * One instance per connection; runs on its event loop only.
 *
 * <pre>
 *   client ──accept──▶ TcpRelay (frontend) ──connector──▶ Backend ──▶ pod port
 * </pre>
 */
final class TcpRelay extends ChannelInboundHandlerAdapter {

    /** Endpoints tried for one connection before the client is reset. */
    static final int MAX_ATTEMPTS = 3;

    private final ServicePortProxy port;
    private final ServicePortProxy.Side side;
    private final EndpointConnector connector;
    private Channel backend;

    TcpRelay(ServicePortProxy port, ServicePortProxy.Side side, EndpointConnector connector) {
        this.port = port;
        this.side = side;
        this.connector = connector;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ServicePortProxy.Routing routing = port.routing(side);
        if (routing.verdict() != Verdict.FORWARD || routing.endpoints().isEmpty()) {
            Verdict verdict = routing.verdict() == Verdict.DROP ? Verdict.DROP : Verdict.REJECT;
            port.refused(verdict.name());
            if (verdict == Verdict.REJECT) {
                reset(ctx.channel());
            } else {
                ctx.close();
            }
            return;
        }
        port.connectionsTotal.increment();
        String clientIp = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
        connect(ctx.channel(), routing, clientIp, new HashSet<>());
    }

    private void connect(Channel client, ServicePortProxy.Routing routing, String clientIp, Set<String> tried) {
        Endpoint endpoint = port.pick(routing, clientIp, tried);
        if (endpoint == null) {
            port.refused("CONNECT_FAILED");
            reset(client);
            return;
        }
        ServicePortProxy.Lease lease = port.acquire(endpoint);
        Future<Channel> connecting = connector.connect(endpoint, "TCP", client.eventLoop(), new Backend(client, port));
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                lease.release();
                tried.add(endpoint.address());
                if (client.isActive() && tried.size() < MAX_ATTEMPTS) {
                    connect(client, routing, clientIp, tried);
                } else {
                    port.refused("CONNECT_FAILED");
                    reset(client);
                }
                return;
            }
            backend = connecting.getNow();
            lease.attach(client);
            if (!client.isActive()) {
                backend.close();
                return;
            }
            // The client's bytes are read from now on; accepted connections start without autoRead.
            client.config().setAutoRead(true);
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            port.bytesToEndpoint.increment(buf.readableBytes());
        }
        backend.write(msg, backend.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (backend != null) {
            backend.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (backend != null) {
            backend.config().setAutoRead(ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (backend != null) {
            closeOnFlush(backend);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (backend != null && cause instanceof IOException) {
            reset(backend);
        }
        ctx.close();
    }

    /** Closes at once with a TCP RST (SO_LINGER 0), so the peer never waits. */
    static void reset(Channel channel) {
        if (channel.isOpen()) {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
        }
    }

    static void closeOnFlush(Channel channel) {
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The endpoint's side of one connection. */
    private static final class Backend extends ChannelInboundHandlerAdapter {
        private final Channel client;
        private final ServicePortProxy port;

        Backend(Channel client, ServicePortProxy port) {
            this.client = client;
            this.port = port;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf) {
                port.bytesToClient.increment(buf.readableBytes());
            }
            client.write(msg, client.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            client.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            client.config().setAutoRead(ctx.channel().isWritable());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closeOnFlush(client);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // The pod reset the connection (or its agent refused it): the client learns it the same way.
            reset(client);
            ctx.close();
        }
    }
}
