package io.kubeplane.apiserver;

import io.kubeplane.model.KubernetesJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import tools.jackson.databind.JsonNode;

/** A plain HTTP client for the api-server's REST API, for integration tests. */
public final class ApiClient {

    /** A response: status code and body as a JSON tree (or text when not JSON). */
    public record Response(int status, String body, java.util.Map<String, java.util.List<String>> headers) {
        public Response(int status, String body) {
            this(status, body, java.util.Map.of());
        }

        public java.util.List<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), java.util.List.of());
        }

        public JsonNode json() {
            return KubernetesJson.JSON.readTree(body);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    public ApiClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public ApiClient withToken(String other) {
        return new ApiClient(base, other);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    /** A GET with an Accept header, e.g. kubectl's {@code application/json;as=Table;v=v1;g=meta.k8s.io}. */
    public Response get(String path, String accept) {
        return send(request(path).header("Accept", accept).GET());
    }

    public Response post(String path, String body) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response post(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response put(String path, String body) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response patch(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response delete(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Opens a watch; lines arrive on the returned queue as JSON trees until the stream ends. */
    public Watch watch(String path) {
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        try {
            HttpResponse<InputStream> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (!line.isBlank()) {
                            events.add(KubernetesJson.JSON.readTree(line));
                        }
                    }
                } catch (IOException e) {
                    // stream closed
                }
            });
            return new Watch(response.statusCode(), events, reader, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An open watch stream. */
    public record Watch(int status, BlockingQueue<JsonNode> events, Thread reader, InputStream body) implements AutoCloseable {
        public JsonNode next(Duration timeout) throws InterruptedException {
            return events.poll(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws IOException {
            body.close();
            reader.interrupt();
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
