package io.kubeplane.apiserver.auth;

import io.kubeplane.apiserver.ApiClient;
import io.kubeplane.apiserver.ApiServerApplication;
import io.kubeplane.testsupport.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An api-server for authorization tests, modeled on {@code ApiServerHarness}: its own PostgreSQL
 * database, free ports, certificates in a temporary directory, and a token file and authorization
 * file of its own. The Kafka relay is off: authorization happens before anything is written, so
 * no event has to reach a broker.
 *
 * <p>Users (fresh tokens each run): {@code admin} in {@code system:masters}, bound by no file;
 * {@code viewer} bound to view; {@code alice} bound to edit in {@link #TEAM_NAMESPACE};
 * {@code bob}, authenticated and bound to nothing. Close it to stop the server and drop the
 * database.
 */
final class AuthorizationHarness implements AutoCloseable {

    /** The namespace alice may edit. */
    static final String TEAM_NAMESPACE = "team-a";

    static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID();
    static final String VIEWER_TOKEN = "viewer-" + UUID.randomUUID();
    static final String EDITOR_TOKEN = "alice-" + UUID.randomUUID();
    static final String UNBOUND_TOKEN = "bob-" + UUID.randomUUID();

    private final Path home;
    private final TestDatabase database;
    private final int httpPort;
    private final int securePort;
    private final ConfigurableApplicationContext server;

    AuthorizationHarness() {
        try {
            home = Files.createTempDirectory("kubeplane-auth-it");
            Files.writeString(home.resolve("tokens.csv"), """
                    %s,admin,admin-uid,"system:masters"
                    %s,viewer,viewer-uid
                    %s,alice,alice-uid
                    %s,bob,bob-uid
                    """.formatted(ADMIN_TOKEN, VIEWER_TOKEN, EDITOR_TOKEN, UNBOUND_TOKEN));
            // system:masters is not listed: it is cluster-admin whatever the file says.
            Files.writeString(home.resolve("authorization.yaml"), """
                    bindings:
                    - role: view
                      users: [viewer]
                    - role: edit
                      users: [alice]
                      namespaces: [%s]
                    """.formatted(TEAM_NAMESPACE));
            httpPort = freePort();
            securePort = freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        database = TestDatabase.create();
        try {
            // Command-line arguments, so they win over api-server.yaml.
            server = ApiServerApplication.builder().run(
                    "--server.port=" + httpPort,
                    "--spring.datasource.url=" + database.jdbcUrl(),
                    "--spring.datasource.username=" + database.username(),
                    "--spring.datasource.password=" + database.password(),
                    "--kubeplane.api-server.token-file=" + home.resolve("tokens.csv"),
                    "--" + AuthorizationConfiguration.FILE_PROPERTY + "=" + home.resolve("authorization.yaml"),
                    "--kubeplane.api-server.secure-serving.port=" + securePort,
                    "--kubeplane.api-server.secure-serving.cert-dir=" + home.resolve("pki"),
                    "--kubeplane.api-server.relay.enabled=false",
                    "--kubeplane.api-server.watch.window-size=1000",
                    "--logging.level.io.kubeplane.apiserver.auth=DEBUG");
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    ApiClient admin() {
        return client(ADMIN_TOKEN);
    }

    ApiClient viewer() {
        return client(VIEWER_TOKEN);
    }

    ApiClient editor() {
        return client(EDITOR_TOKEN);
    }

    ApiClient unbound() {
        return client(UNBOUND_TOKEN);
    }

    String secureUrl() {
        return "https://127.0.0.1:" + securePort;
    }

    Path caCertificate() {
        return home.resolve("pki").resolve("ca.crt");
    }

    private ApiClient client(String token) {
        return new ApiClient("http://127.0.0.1:" + httpPort, token);
    }

    @Override
    public void close() {
        server.close();
        database.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
