package io.kubeplane.proxy.pods;

import io.kubeplane.proxy.userspace.NettyTransport;
import io.kubeplane.proxy.userspace.Preamble;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's end of the pod network, what a CNI tunnel endpoint is to a real node: a TCP server on
 * the node IP at {@link #DEFAULT_PORT} that reads a stream's {@link Preamble} and hands the rest of
 * the stream to the responder of that pod port here. A stream for a pod port that does not run on
 * this node, or with no valid preamble, is reset, as a closed port answers a SYN.
 *
 * <p>10260 is free of the node's well-known ports: kubelet 10250, kube-proxy healthz 10256, metrics
 * 10249, kube-controller-manager 10257, kube-scheduler 10259. Thread-safe; the agent wiring starts
 * it and closes it.
 */
public final class PodNetwork implements AutoCloseable {

    public static final int DEFAULT_PORT = 10260;

    private static final Logger log = LoggerFactory.getLogger(PodNetwork.class);

    private final Channel server;

    private PodNetwork(Channel server) {
        this.server = server;
    }

    /**
     * Listens on {@code bindIp:port} (port 0 picks a free one).
     *
     * @throws IllegalStateException when it cannot bind
     */
    public static PodNetwork start(NettyTransport transport, PodResponders responders, String bindIp, int port) {
        ChannelFuture bound = transport.server().option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new PreambleDecoder(responders));
                    }
                }).bind(bindIp, port);
        if (!bound.awaitUninterruptibly(10, TimeUnit.SECONDS) || !bound.isSuccess()) {
            bound.channel().close();
            throw new IllegalStateException("pod network cannot listen on " + bindIp + ":" + port, bound.cause());
        }
        log.info("Pod network listening on {}", bound.channel().localAddress());
        return new PodNetwork(bound.channel());
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    /** Reads the preamble, then makes way for the pod port's responder; bytes after the line go to it. */
    private static final class PreambleDecoder extends ByteToMessageDecoder {
        private final PodResponders responders;

        PreambleDecoder(PodResponders responders) {
            this.responders = responders;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int end = in.indexOf(in.readerIndex(), Math.min(in.writerIndex(), in.readerIndex() + Preamble.MAX_LENGTH),
                    (byte) '\n');
            if (end < 0) {
                if (in.readableBytes() >= Preamble.MAX_LENGTH) {
                    refuse(ctx, in, "no preamble");
                }
                return;
            }
            String line = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.US_ASCII);
            in.readerIndex(end + 1);
            Optional<Responder> responder = Preamble.parse(line)
                    .flatMap(p -> responders.find(p.ip(), p.port(), p.protocol()));
            if (responder.isEmpty()) {
                refuse(ctx, in, line);
                return;
            }
            responder.get().serve(ctx.channel());
            // Removing a decoder passes the bytes it holds on to the responder's handlers.
            ctx.pipeline().remove(this);
        }

        private void refuse(ChannelHandlerContext ctx, ByteBuf in, String line) {
            in.skipBytes(in.readableBytes()); // nothing more is read from a refused stream
            log.debug("Pod network: refusing {} from {}", line, ctx.channel().remoteAddress());
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            ctx.close();
        }
    }
}
