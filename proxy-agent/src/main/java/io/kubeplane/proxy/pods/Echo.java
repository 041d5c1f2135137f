package io.kubeplane.proxy.pods;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/** Echo responders: a stream's bytes (or frames) back as they come, a datagram back to its sender. Stateless. */
@ChannelHandler.Sharable
final class Echo extends ChannelInboundHandlerAdapter {

    static final Echo STREAM = new Echo(false);
    static final Echo DATAGRAM = new Echo(true);

    private final boolean datagram;

    private Echo(boolean datagram) {
        this.datagram = datagram;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!datagram) {
            ctx.write(msg, ctx.voidPromise());
        } else if (msg instanceof DatagramPacket packet) {
            ctx.write(new DatagramPacket(packet.content(), packet.sender()), ctx.voidPromise());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!datagram) {
            ctx.close();
        }
    }
}
