package io.kubeplane.apiserver.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A readiness check that asks another component's health URL (e.g. its
 * {@code /actuator/health/readiness}); ready when it answers 200 within a second. The local cluster
 * lists its components this way, so the api-server's {@code /readyz} says whether the whole cluster
 * is up. Thread-safe.
 */
public final class ComponentReadiness implements ReadinessCheck {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final URI url;

    public ComponentReadiness(String url) {
        this.url = URI.create(url);
        this.name = "component:" + this.url.getHost() + ":" + this.url.getPort();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(1)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
