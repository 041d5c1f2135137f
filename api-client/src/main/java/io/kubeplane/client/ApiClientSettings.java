package io.kubeplane.client;

import org.jspecify.annotations.Nullable;

/**
 * How a kubeplane component or tool reaches the api-server.
 *
 * @param server        the API's base URL, e.g. {@code https://127.0.0.1:6443} or {@code http://127.0.0.1:8080}
 * @param token         the bearer token
 * @param caCertificate the PEM CA that signed the server's certificate (for https), or null
 * @param userAgent     the user agent the client sends, naming the component
 */
public record ApiClientSettings(String server, String token, @Nullable String caCertificate, String userAgent) {

    public ApiClientSettings withUserAgent(String agent) {
        return new ApiClientSettings(server, token, caCertificate, agent);
    }
}
