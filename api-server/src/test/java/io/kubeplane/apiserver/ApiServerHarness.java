package io.kubeplane.apiserver;

import io.kubeplane.kafka.embedded.EmbeddedKafkaBroker;
import io.kubeplane.kafka.embedded.EmbeddedKafkaSettings;
import io.kubeplane.testsupport.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A running api-server for integration tests: its own PostgreSQL database, a real embedded Kafka
 * broker, a token file with an admin token, certificates in a temporary directory, free ports.
 * Close it to stop everything and drop the database.
 */
public final class ApiServerHarness implements AutoCloseable {

    public static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID();

    private final Path home;
    private final TestDatabase database;
    private final EmbeddedKafkaBroker broker;
    private final int httpPort;
    private final int securePort;
    private final List<ConfigurableApplicationContext> servers = new ArrayList<>();

    public ApiServerHarness() {
        this(true);
    }

    /** @param brokerUp whether the Kafka broker runs when the api-server starts (it can be started later) */
    public ApiServerHarness(boolean brokerUp) {
        try {
            home = Files.createTempDirectory("kubeplane-it");
            Files.writeString(home.resolve("tokens.csv"), ADMIN_TOKEN + ",admin,admin-uid,\"system:masters\"\n");
            database = TestDatabase.create();
            broker = EmbeddedKafkaBroker.start(EmbeddedKafkaSettings.of(home.resolve("kafka")));
            httpPort = freePort();
            securePort = freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!brokerUp) {
            broker.stop();
        }
        servers.add(startServer(httpPort, securePort));
    }

    /** Starts one more api-server replica on the same database and broker. */
    public Replica startReplica() {
        int port = freePort();
        ConfigurableApplicationContext context = startServer(port, freePort());
        servers.add(context);
        return new Replica(context, new ApiClient("http://127.0.0.1:" + port, ADMIN_TOKEN));
    }

    /** A further api-server replica: its context and a client for its HTTP port. */
    public record Replica(ConfigurableApplicationContext context, ApiClient client) {
    }

    private ConfigurableApplicationContext startServer(int port, int tlsPort) {
        // Command-line arguments, so they win over api-server.yaml (builder properties would not).
        return ApiServerApplication.builder().run(
                "--server.port=" + port,
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--kubeplane.api-server.token-file=" + home.resolve("tokens.csv"),
                "--kubeplane.api-server.secure-serving.port=" + tlsPort,
                "--kubeplane.api-server.secure-serving.cert-dir=" + home.resolve("pki"),
                "--kubeplane.api-server.relay.bootstrap-servers=" + broker.bootstrapServers(),
                "--kubeplane.api-server.relay.partitions=1",
                "--kubeplane.api-server.relay.check-interval=1s",
                "--kubeplane.api-server.watch.bookmark-interval=1s",
                "--kubeplane.api-server.watch.window-size=1000",
                "--logging.level.org.apache.kafka=WARN",
                "--logging.level.kafka=WARN");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String secureUrl() {
        return "https://127.0.0.1:" + securePort;
    }

    public Path caCertificate() {
        return home.resolve("pki").resolve("ca.crt");
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    public TestDatabase database() {
        return database;
    }

    public ConfigurableApplicationContext context() {
        return servers.getFirst();
    }

    public ApiClient client() {
        return new ApiClient(baseUrl(), ADMIN_TOKEN);
    }

    @Override
    public void close() {
        servers.forEach(ConfigurableApplicationContext::close);
        broker.close();
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
