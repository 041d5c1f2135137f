package io.kubeplane.proxy.userspace;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A fixed group of Netty event-loop threads and the channel types to use on it: epoll where the
 * native transport is on the class path and loads, NIO otherwise. The data plane, the pod network
 * and the pod responders of one agent may share one. Thread-safe; the agent wiring creates it and
 * closes it last.
 */
public final class NettyTransport implements AutoCloseable {

    /** The epoll transport's classes; looked up by name so that NIO serves where it is absent. */
    private static final String EPOLL = "io.netty.channel.epoll.";

    private final EventLoopGroup group;
    private final String kind;
    private final ChannelFactory<? extends ServerChannel> serverChannels;
    private final ChannelFactory<? extends Channel> socketChannels;
    private final ChannelFactory<? extends Channel> datagramChannels;

    private NettyTransport(EventLoopGroup group, String kind, ChannelFactory<? extends ServerChannel> serverChannels,
                           ChannelFactory<? extends Channel> socketChannels,
                           ChannelFactory<? extends Channel> datagramChannels) {
        this.group = group;
        this.kind = kind;
        this.serverChannels = serverChannels;
        this.socketChannels = socketChannels;
        this.datagramChannels = datagramChannels;
    }

    /**
     * @param name    the threads' name prefix, e.g. {@code userspace}
     * @param threads how many event-loop threads (one per core is plenty: they never block)
     */
    public static NettyTransport create(String name, int threads) {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory(name, true);
        NettyTransport epoll = epoll(threadFactory, threads);
        if (epoll != null) {
            return epoll;
        }
        return new NettyTransport(new MultiThreadIoEventLoopGroup(threads, threadFactory, NioIoHandler.newFactory()),
                "nio", NioServerSocketChannel::new, NioSocketChannel::new, NioDatagramChannel::new);
    }

    @SuppressWarnings("unchecked")
    private static NettyTransport epoll(DefaultThreadFactory threadFactory, int threads) {
        try {
            Class<?> epoll = Class.forName(EPOLL + "Epoll");
            if (!(Boolean) epoll.getMethod("isAvailable").invoke(null)) {
                return null;
            }
            IoHandlerFactory handlers = (IoHandlerFactory) Class.forName(EPOLL + "EpollIoHandler")
                    .getMethod("newFactory").invoke(null);
            return new NettyTransport(new MultiThreadIoEventLoopGroup(threads, threadFactory, handlers), "epoll",
                    new ReflectiveChannelFactory<>((Class<? extends ServerChannel>) Class.forName(EPOLL + "EpollServerSocketChannel")),
                    new ReflectiveChannelFactory<>((Class<? extends Channel>) Class.forName(EPOLL + "EpollSocketChannel")),
                    new ReflectiveChannelFactory<>((Class<? extends Channel>) Class.forName(EPOLL + "EpollDatagramChannel")));
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return null;
        }
    }

    /** {@code epoll} or {@code nio}. */
    public String kind() {
        return kind;
    }

    public EventLoopGroup group() {
        return group;
    }

    /** A TCP server on this group, Nagle off for the accepted connections. */
    public ServerBootstrap server() {
        return new ServerBootstrap().group(group).channelFactory(serverChannels)
                .childOption(ChannelOption.TCP_NODELAY, true);
    }

    /** A TCP client on {@code group} (usually the event loop of the connection it serves), Nagle off. */
    public Bootstrap client(EventLoopGroup on) {
        return new Bootstrap().group(on).channelFactory(socketChannels).option(ChannelOption.TCP_NODELAY, true);
    }

    /** A UDP socket on {@code group}. */
    public Bootstrap datagram(EventLoopGroup on) {
        return new Bootstrap().group(on).channelFactory(datagramChannels);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
