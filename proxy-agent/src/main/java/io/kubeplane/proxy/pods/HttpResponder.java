package io.kubeplane.proxy.pods;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A pod's HTTP answers, small and kept alive (it is the backend of the userspace benchmark):
 *
 * <pre>
 *   GET /             web-7d9c-abcde 10.244.1.5 node-1      who answered
 *   GET /env          WEB_SERVICE_HOST=10.96.0.20 ...       the pod's service variables
 *   GET /resolv.conf  search default.svc.cluster.local ...  the pod's resolv.conf
 *   anything else     404
 * </pre>
 *
 * Responses are written as requests are read and flushed once per read batch, so pipelined
 * requests share a write. Stateless, shared by every connection of one responder.
 */
@ChannelHandler.Sharable
final class HttpResponder extends ChannelInboundHandlerAdapter {

    private static final AsciiString TEXT = AsciiString.cached("text/plain; charset=utf-8");
    private static final byte[] NOT_FOUND = "not found\n".getBytes(StandardCharsets.US_ASCII);

    private final byte[] root;
    private final byte[] resolvConf;
    private final Supplier<String> env;

    HttpResponder(byte[] root, byte[] resolvConf, Supplier<String> env) {
        this.root = root;
        this.resolvConf = resolvConf;
        this.env = env;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest request) {
                answer(ctx, request);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void answer(ChannelHandlerContext ctx, HttpRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        byte[] body;
        HttpResponseStatus status = HttpResponseStatus.OK;
        switch (path) {
            case "/" -> body = root;
            case "/env" -> body = env.get().getBytes(StandardCharsets.UTF_8);
            case "/resolv.conf" -> body = resolvConf;
            default -> {
                body = NOT_FOUND;
                status = HttpResponseStatus.NOT_FOUND;
            }
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, TEXT).setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            if (!request.protocolVersion().isKeepAliveDefault()) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            ctx.write(response, ctx.voidPromise());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
