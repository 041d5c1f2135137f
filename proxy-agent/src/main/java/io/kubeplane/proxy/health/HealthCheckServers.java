package io.kubeplane.proxy.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link ServiceHealth} on the node's address: one small HTTP server per health check node
 * port, opened when a Service needs it and closed when none does. {@link #update} is called after
 * every successful proxy sync; the answers read the latest state, so a port's status follows its
 * endpoints without reopening anything. A port that cannot be bound is logged and tried again on
 * the next update. Thread-safe.
 */
public final class HealthCheckServers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthCheckServers.class);

    private final String address;
    private final BooleanSupplier proxyHealthy;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Integer, HttpServer> servers = new HashMap<>(); // guarded by this
    private volatile Map<Integer, ServiceHealth> health = Map.of();

    /**
     * @param address      the node's address, where the checks listen
     * @param proxyHealthy whether the node's last proxy sync succeeded
     */
    public HealthCheckServers(String address, BooleanSupplier proxyHealthy) {
        this.address = address;
        this.proxyHealthy = proxyHealthy;
    }

    /** Opens and closes servers so that exactly the ports of {@code wanted} are served. */
    public synchronized void update(Map<Integer, ServiceHealth> wanted) {
        health = Map.copyOf(wanted);
        servers.entrySet().removeIf(open -> {
            if (wanted.containsKey(open.getKey())) {
                return false;
            }
            open.getValue().stop(0);
            log.info("health check node port {}:{} closed", address, open.getKey());
            return true;
        });
        for (Map.Entry<Integer, ServiceHealth> want : wanted.entrySet()) {
            int port = want.getKey();
            if (servers.containsKey(port)) {
                continue;
            }
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 16);
                server.createContext("/", exchange -> answer(exchange, port));
                server.setExecutor(executor);
                server.start();
                servers.put(port, server);
                log.info("health check node port {}:{} serves {}/{}", address, port, want.getValue().namespace(),
                        want.getValue().name());
            } catch (IOException e) {
                log.warn("health check node port {}:{} for {}/{} cannot be opened, will retry: {}", address, port,
                        want.getValue().namespace(), want.getValue().name(), e.getMessage());
            }
        }
    }

    /** The ports being served now. */
    public synchronized java.util.Set<Integer> ports() {
        return java.util.Set.copyOf(servers.keySet());
    }

    private void answer(HttpExchange exchange, int port) throws IOException {
        try (exchange) {
            ServiceHealth service = health.get(port);
            if (service == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            boolean healthy = proxyHealthy.getAsBoolean();
            byte[] body = service.body(healthy).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("X-Load-Balancing-Endpoint-Weight", String.valueOf(service.localEndpoints()));
            exchange.sendResponseHeaders(service.status(healthy), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public synchronized void close() {
        servers.values().forEach(s -> s.stop(0));
        servers.clear();
        executor.shutdownNow();
    }
}
