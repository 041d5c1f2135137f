package io.kubeplane.proxy.userspace;

import io.kubeplane.proxy.desired.Endpoint;
import io.kubeplane.proxy.desired.Verdict;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The handler of one UDP listening socket: a session per client address, each with its own
 * channel to the endpoint picked for it (a connected socket, or a stream through the endpoint's
 * agent), as conntrack keeps a UDP flow. Replies go back from the listening socket, so the client
 * sees them come from the address it sent to. A session ends after {@code idleTimeout} without a
 * datagram either way. A REJECT or DROP verdict drops the datagram (userspace cannot send the ICMP
 * port-unreachable the kernel modes send for REJECT). Runs on the listener's event loop only: the
 * sessions' channels share that loop, so the session map needs no lock.
 */
final class UdpRelay extends ChannelInboundHandlerAdapter {

    /** Datagrams held for a session whose channel is still connecting; more are dropped. */
    static final int MAX_PENDING = 64;

    private final ServicePortProxy port;
    private final ServicePortProxy.Side side;
    private final EndpointConnector connector;
    private final Duration idleTimeout;
    private final Map<InetSocketAddress, Session> sessions = new HashMap<>();

    UdpRelay(ServicePortProxy port, ServicePortProxy.Side side, EndpointConnector connector, Duration idleTimeout) {
        this.port = port;
        this.side = side;
        this.connector = connector;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        InetSocketAddress client = packet.sender();
        Session session = sessions.get(client);
        if (session == null) {
            session = open(ctx.channel(), client);
            if (session == null) {
                packet.release();
                return;
            }
        }
        port.bytesToEndpoint.increment(packet.content().readableBytes());
        session.send(packet.content());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (Session s : sessions.values().toArray(Session[]::new)) {
            s.close();
        }
    }

    private Session open(Channel listener, InetSocketAddress client) {
        ServicePortProxy.Routing routing = port.routing(side);
        if (routing.verdict() != Verdict.FORWARD || routing.endpoints().isEmpty()) {
            port.refused(routing.verdict() == Verdict.DROP ? "DROP" : "REJECT");
            return null;
        }
        Endpoint endpoint = port.pick(routing, client.getAddress().getHostAddress(), new HashSet<>());
        if (endpoint == null) {
            port.refused("CONNECT_FAILED");
            return null;
        }
        port.connectionsTotal.increment();
        Session session = new Session(listener, client, port.acquire(endpoint));
        sessions.put(client, session);
        session.connect(endpoint);
        return session;
    }

    /** One client's flow: its datagrams to the endpoint, the endpoint's back to it. */
    private final class Session {
        private final Channel listener;
        private final InetSocketAddress client;
        private final ServicePortProxy.Lease lease;
        private ArrayDeque<ByteBuf> pending = new ArrayDeque<>();
        private Channel upstream;
        private boolean closed;

        Session(Channel listener, InetSocketAddress client, ServicePortProxy.Lease lease) {
            this.listener = listener;
            this.client = client;
            this.lease = lease;
        }

        void connect(Endpoint endpoint) {
            Future<Channel> connecting = connector.connect(endpoint, "UDP", listener.eventLoop(), new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    long idle = idleTimeout.toMillis();
                    ch.pipeline().addLast(new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS), new Replies());
                }
            });
            connecting.addListener(f -> {
                if (!f.isSuccess()) {
                    port.refused("CONNECT_FAILED");
                    close();
                    return;
                }
                upstream = connecting.getNow();
                lease.attach(upstream);
                upstream.closeFuture().addListener(c -> close());
                if (closed) {
                    upstream.close();
                    return;
                }
                ArrayDeque<ByteBuf> held = pending;
                pending = null;
                for (ByteBuf datagram : held) {
                    upstream.write(datagram, upstream.voidPromise());
                }
                upstream.flush();
            });
        }

        void send(ByteBuf datagram) {
            if (upstream != null) {
                upstream.writeAndFlush(datagram, upstream.voidPromise());
            } else if (pending != null && pending.size() < MAX_PENDING) {
                pending.add(datagram);
            } else {
                datagram.release();
            }
        }

        void close() {
            if (closed) {
                return;
            }
            closed = true;
            sessions.remove(client, this);
            lease.release();
            if (pending != null) {
                pending.forEach(ByteBuf::release);
                pending = null;
            }
            if (upstream != null) {
                upstream.close();
            }
        }

        private final class Replies extends ChannelInboundHandlerAdapter {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (!(msg instanceof ByteBuf reply)) {
                    ReferenceCountUtil.release(msg);
                    return;
                }
                port.bytesToClient.increment(reply.readableBytes());
                listener.write(new DatagramPacket(reply, client), listener.voidPromise());
            }

            @Override
            public void channelReadComplete(ChannelHandlerContext ctx) {
                listener.flush();
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof IdleStateEvent) {
                    ctx.close();
                } else {
                    ctx.fireUserEventTriggered(evt);
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                // A connected UDP socket learns of ICMP port unreachable as an error: the session ends.
                ctx.close();
            }
        }
    }
}
