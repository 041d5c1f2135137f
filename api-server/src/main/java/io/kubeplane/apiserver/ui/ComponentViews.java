package io.kubeplane.apiserver.ui;

import io.kubeplane.apiserver.http.ApiException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reads what the other components believe from their own HTTP views, for the visualizer: the DNS
 * explain view, the endpoints controller's per-Service verdicts, and each node agent's proxy state,
 * rules and traces. Only the fixed paths below are reachable, with their query parameters encoded,
 * so a caller cannot steer a request anywhere else. Thread-safe.
 */
public final class ComponentViews {

    /** A component's answer, passed on as it came: its status, media type and body. */
    public record View(int status, String contentType, String body) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final @Nullable String dns;
    private final @Nullable String endpoints;
    private final Map<String, String> nodeAgents;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /**
     * @param dns        dns-service's base URL, or null
     * @param endpoints  endpoints-controller's base URL, or null
     * @param nodeAgents each node's proxy-agent base URL, by node name
     */
    public ComponentViews(@Nullable String dns, @Nullable String endpoints, Map<String, String> nodeAgents) {
        this.dns = blankToNull(dns);
        this.endpoints = blankToNull(endpoints);
        this.nodeAgents = new TreeMap<>(nodeAgents);
    }

    /** The nodes whose agents can be asked. */
    public Set<String> nodes() {
        return nodeAgents.keySet();
    }

    public boolean hasDns() {
        return dns != null;
    }

    public boolean hasEndpoints() {
        return endpoints != null;
    }

    /** dns-service's {@code /dns/v1/explain}: the answer for a name and type, with each record's source. */
    public View dnsExplain(String name, String type) {
        return get(required(dns, "dns-service"), "/dns/v1/explain", Map.of("name", name, "type", type));
    }

    /** endpoints-controller's verdict on every pod of the Service's namespace. */
    public View endpointVerdicts(String namespace, String name) {
        return get(required(endpoints, "endpoints-controller"),
                UriComponentsBuilder.fromPath("/endpoints/v1/services/{ns}/{name}").buildAndExpand(namespace, name)
                        .encode().toUriString(), Map.of());
    }

    /** A node agent's proxy state for one Service ({@code namespace/name}). */
    public View proxy(String node, String service) {
        return get(agent(node), "/agent/v1/proxy", Map.of("service", service));
    }

    /** A node agent's rules in one format. */
    public View rules(String node, String format) {
        return get(agent(node), "/rules", Map.of("format", format));
    }

    /** A node agent's trace of a packet. */
    public View trace(String node, String client, String destination, int port, String protocol) {
        return get(agent(node), "/agent/v1/trace", Map.of("client", client, "destination", destination,
                "port", Integer.toString(port), "protocol", protocol));
    }

    private String agent(String node) {
        return Optional.ofNullable(nodeAgents.get(node)).orElseThrow(() -> ApiException.notFound(
                "no proxy-agent view is configured for node \"" + node + "\" (kubeplane.api-server.views.nodes)"));
    }

    private static String required(@Nullable String base, String component) {
        if (base == null) {
            throw ApiException.unavailable(component + "'s views are not configured on this api-server");
        }
        return base;
    }

    private View get(String base, String path, Map<String, String> query) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(base).path(path);
        new TreeMap<>(query).forEach(uri::queryParam);
        URI target = uri.encode().build().toUri();
        HttpRequest request = HttpRequest.newBuilder(target).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new View(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("text/plain"), response.body());
        } catch (IOException e) {
            throw ApiException.unavailable("cannot reach " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while asking " + base);
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
