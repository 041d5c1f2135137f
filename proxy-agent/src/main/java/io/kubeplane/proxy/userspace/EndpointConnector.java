package io.kubeplane.proxy.userspace;

import io.kubeplane.proxy.desired.Endpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.channel.ChannelFuture;

/**
 * How the proxy reaches an endpoint: {@link DirectConnector} where pod IPs are routable,
 * {@link AgentsConnector} through the endpoint's node agent where they are not. Implementations are
 * thread-safe; the data plane calls them from its event loops.
 */
public interface EndpointConnector {

    /**
     * Opens a channel to the endpoint on {@code loop}. Whatever the way, the channel reads and
     * writes {@link io.netty.buffer.ByteBuf}s of the pod port's payload: stream bytes for TCP, one
     * datagram per buffer for UDP.
     *
     * @param protocol {@code TCP} or {@code UDP}
     * @param handler  added last to the channel's pipeline; it receives the payload
     * @return the channel, once bytes written to it go to the pod port
     */
    Future<Channel> connect(Endpoint endpoint, String protocol, EventLoop loop, ChannelHandler handler);

    /** {@code direct} or {@code agents}, as {@code kubeplane.agent.proxy.connector} spells it. */
    String name();

    /** {@code connect}'s future as a future of its channel, completing on {@code loop}. */
    static Future<Channel> channelOf(ChannelFuture connect, EventLoop loop) {
        Promise<Channel> promise = loop.newPromise();
        connect.addListener(f -> {
            if (f.isSuccess()) {
                promise.trySuccess(connect.channel());
            } else {
                promise.tryFailure(f.cause());
            }
        });
        return promise;
    }
}
