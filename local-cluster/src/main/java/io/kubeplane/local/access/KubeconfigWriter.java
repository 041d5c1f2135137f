package io.kubeplane.local.access;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The admin kubeconfig of the local cluster: one cluster {@value #NAME} (the api-server's HTTPS
 * endpoint and the CA that signed its certificate, embedded), one user {@value AdminCredentials#USER}
 * with the bearer token, one context {@value #NAME}, made current — what {@code kubectl
 * --kubeconfig} needs and nothing else.
 *
 * <p>{@link #render} is pure; {@link #write} replaces the file atomically with mode 0600, since it
 * holds the token. Stateless and thread-safe; called by the local cluster on every start, so the
 * file always matches the running cluster.
 */
public final class KubeconfigWriter {

    /** The cluster and context name. */
    public static final String NAME = "kubeplane";

    private KubeconfigWriter() {
    }

    /**
     * The kubeconfig text.
     *
     * @param server               the API endpoint, e.g. {@code https://127.0.0.1:6443}
     * @param caCertificatePem     the CA certificate (PEM) the server's certificate chains to
     * @param token                the admin bearer token
     */
    public static String render(String server, byte[] caCertificatePem, String token) {
        // The token is quoted: a hex token of digits only would otherwise read as a YAML number.
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                    certificate-authority-data: %3$s
                users:
                - name: %4$s
                  user:
                    token: "%5$s"
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %4$s
                current-context: %1$s
                preferences: {}
                """.formatted(NAME, server, Base64.getEncoder().encodeToString(caCertificatePem),
                AdminCredentials.USER, token);
    }

    /** Writes {@link #render} to {@code file}, readable by the owner only. */
    public static void write(Path file, String server, byte[] caCertificatePem, String token) throws IOException {
        SecretFiles.write(file, render(server, caCertificatePem, token));
    }
}
