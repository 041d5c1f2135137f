package io.kubeplane.apiserver.http;

import io.kubeplane.model.KubernetesJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches over WebSocket, as kube-apiserver serves them to clients that ask with
 * {@code Upgrade: websocket} (the fabric8 client does): each watch event is one text message, the
 * same JSON as a line of an HTTP watch. The request is upgraded in place; the watch then runs on a
 * virtual thread of its own until it ends or the client closes the socket.
 */
final class WebSocketWatches {

    private static final Logger log = LoggerFactory.getLogger(WebSocketWatches.class);

    private WebSocketWatches() {
    }

    static boolean isUpgrade(HttpServletRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    static void upgrade(HttpServletRequest request, HttpServletResponse response, WatchStreamer streamer,
                        WatchStreamer.Request watch) throws IOException {
        ServerContainer container = (ServerContainer) request.getServletContext().getAttribute(ServerContainer.class.getName());
        if (container == null) {
            throw ApiException.badRequest("this server cannot serve watches over WebSocket; watch over HTTP instead");
        }
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(WatchEndpoint.class, request.getRequestURI())
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> type) {
                        return type.cast(new WatchEndpoint(streamer, watch));
                    }
                })
                .build();
        try {
            container.upgradeHttpToWebSocket(request, response, config, Map.of());
        } catch (DeploymentException e) {
            throw ApiException.badRequest("the WebSocket upgrade failed: " + e.getMessage());
        }
    }

    /** One watch on one socket. */
    static final class WatchEndpoint extends Endpoint {

        private final WatchStreamer streamer;
        private final WatchStreamer.Request watch;
        private volatile Thread thread;

        WatchEndpoint(WatchStreamer streamer, WatchStreamer.Request watch) {
            this.streamer = streamer;
            this.watch = watch;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            thread = Thread.ofVirtual().name("websocket-watch").start(() -> {
                try {
                    streamer.stream(watch, new WatchSink() {
                        @Override
                        public void send(String type, String objectJson) throws IOException {
                            session.getBasicRemote().sendText("{\"type\":\"" + type + "\",\"object\":" + objectJson + "}");
                        }

                        @Override
                        public void flush() {
                            // every event is its own message
                        }
                    });
                } catch (ApiException e) {
                    sendQuietly(session, "{\"type\":\"ERROR\",\"object\":" + KubernetesJson.write(e.status()) + "}");
                } catch (IOException e) {
                    log.debug("websocket watcher went away: {}", e.toString());
                } finally {
                    closeQuietly(session);
                }
            });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            Thread running = thread;
            if (running != null) {
                running.interrupt();
            }
        }

        private static void sendQuietly(Session session, String message) {
            try {
                session.getBasicRemote().sendText(message);
            } catch (IOException e) {
                log.debug("could not send the watch error: {}", e.toString());
            }
        }

        private static void closeQuietly(Session session) {
            try {
                if (session.isOpen()) {
                    session.close();
                }
            } catch (IOException e) {
                log.debug("could not close the websocket: {}", e.toString());
            }
        }
    }
}
