package io.kubeplane.apiserver.ipam;

import io.fabric8.kubernetes.api.model.Status;
import io.kubeplane.apiserver.http.ApiException;
import io.kubeplane.model.KubernetesJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * ipam-service's HTTP API, over keep-alive HTTP/1.1. Its failures come back as the Kubernetes
 * {@code Status} it answered (422 for a taken or out-of-range value); an unreachable ipam-service
 * is a 503. Thread-safe.
 */
public final class IpamClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String baseUrl;
    private final HttpClient http;

    /** @param baseUrl e.g. {@code http://127.0.0.1:8081}; null or blank for none */
    public IpamClient(@Nullable String baseUrl) {
        String url = baseUrl == null ? "" : baseUrl.strip();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Whether an ipam-service is configured at all. */
    public boolean configured() {
        return !baseUrl.isEmpty();
    }

    /** POSTs {@code body} to {@code path} and returns the JSON answer. */
    public JsonNode post(String path, JsonNode body) {
        return KubernetesJson.JSON.readTree(send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(KubernetesJson.write(body))).timeout(TIMEOUT)));
    }

    /** GETs {@code path} and returns the body as it came. */
    public String get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().timeout(TIMEOUT));
    }

    private String send(HttpRequest.Builder builder) {
        if (!configured()) {
            throw ApiException.unavailable("no ipam-service is configured (kubeplane.api-server.ipam.url)");
        }
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ApiException.unavailable("ipam-service at " + baseUrl + " did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while waiting for ipam-service");
        }
        if (response.statusCode() / 100 == 2) {
            return response.body();
        }
        throw failure(response);
    }

    private URI uri(String path) {
        return URI.create((configured() ? baseUrl : "http://ipam.invalid") + path);
    }

    private ApiException failure(HttpResponse<String> response) {
        try {
            Status status = KubernetesJson.JSON.readValue(response.body(), Status.class);
            if ("Status".equals(status.getKind()) && status.getCode() != null) {
                return new ApiException(status);
            }
        } catch (JacksonException e) {
            // not a Status: reported below
        }
        return ApiException.internal("ipam-service answered " + response.statusCode() + " to "
                                     + response.request().method() + " " + response.request().uri().getPath());
    }
}
