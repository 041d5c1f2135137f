package io.kubeplane.apiserver.storage;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code continue} token of a paged list: the list's resource version and the key of the last
 * object returned; the next page starts after that key.
 *
 * <p>The wire form is opaque to clients (base64url of {@code rv/namespace/name}).
 *
 * @param resourceVersion the resource version the first page was listed at
 * @param namespace       namespace of the last object returned
 * @param name            name of the last object returned
 */
public record ContinueToken(long resourceVersion, String namespace, String name) {

    public String encode() {
        String raw = resourceVersion + "/" + namespace + "/" + name;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a token; empty when it is not one this server issued. */
    public static Optional<ContinueToken> decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split("/", 3);
            if (parts.length != 3) {
                return Optional.empty();
            }
            return Optional.of(new ContinueToken(Long.parseLong(parts[0]), parts[1], parts[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
