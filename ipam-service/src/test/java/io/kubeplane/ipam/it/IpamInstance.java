package io.kubeplane.ipam.it;

import io.kubeplane.ipam.IpamApplication;
import io.kubeplane.model.KubernetesJson;
import io.kubeplane.testsupport.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** One running ipam-service on a test database, with a small HTTP client for its API. */
final class IpamInstance implements AutoCloseable {

    record Response(int status, JsonNode json) {
    }

    private final ConfigurableApplicationContext context;
    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    IpamInstance(TestDatabase database, String... settings) {
        int port = freePort();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password()));
        args.addAll(List.of(settings));
        this.context = IpamApplication.builder().run(args.toArray(String[]::new));
        this.base = "http://127.0.0.1:" + port;
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body().isEmpty() ? KubernetesJson.JSON.nullNode()
                    : KubernetesJson.JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
