package io.kubeplane.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Override
    public String toString() {
        return "ApiClientSettings[server=" + server + ", token=(hidden), userAgent=" + userAgent + "]";
    }


    /**
     * Settings as a component is configured with them: the api-server's URL, a file holding the
     * bearer token alone, and optionally the CA's PEM file.
     *
     * @param tokenProperty the setting that named the token file, for the message when it is missing
     * @throws IllegalStateException if no token file is named or a file cannot be read
     */
    public static ApiClientSettings fromFiles(String server, @Nullable Path tokenFile, @Nullable Path caFile, String userAgent,
                                              String tokenProperty) {
        if (tokenFile == null) {
            throw new IllegalStateException(tokenProperty + " must name the file holding the api-server token");
        }
        return new ApiClientSettings(server, read(tokenFile).strip(), caFile == null ? null : read(caFile), userAgent);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public ApiClientSettings withUserAgent(String agent) {
        return new ApiClientSettings(server, token, caCertificate, agent);
    }
}
