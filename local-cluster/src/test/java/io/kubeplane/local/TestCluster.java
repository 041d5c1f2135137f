package io.kubeplane.local;

import static org.awaitility.Awaitility.await;

import io.kubeplane.local.postgres.PostgresTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A whole local cluster for an acceptance test: every component in this JVM, the embedded broker,
 * a database of the test's own on the local PostgreSQL ({@code KUBEPLANE_TEST_PG_*}), a temporary
 * home and free ports. Started ready; {@link #close()} stops it and drops the database.
 */
public final class TestCluster implements AutoCloseable {

    private static final String ADMIN_URL = env("KUBEPLANE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String PG_USER = env("KUBEPLANE_TEST_PG_USER", "postgres");
    private static final String PG_PASSWORD = env("KUBEPLANE_TEST_PG_PASSWORD", "");

    /**
     * What a test that binds pods to nodes of its own leaves out: the scheduler would bind its
     * unbound pods, the agents would register node-1 and node-2 and report pods Running, and the
     * node lifecycle controller would mark its agent-less nodes NotReady.
     */
    public static final Set<String> WITHOUT_NODES = Set.of("workload-controller", "proxy-agent");

    private final Path home;
    private final String database = "kubeplane_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final Set<Integer> ports = new HashSet<>();
    private final List<String> unexpectedStops = new CopyOnWriteArrayList<>();
    private final LocalClusterSettings settings;
    private final LocalCluster cluster;
    private final LocalCluster.Started started;

    public TestCluster() {
        this(home -> { });
    }

    public TestCluster(java.util.function.Consumer<Path> prepareHome) {
        this(prepareHome, java.util.Map.of());
    }

    /**
     * @param prepareHome    writes files into the cluster's home before it starts (extra tokens, bindings)
     * @param extraArguments more arguments by component name (smaller ranges, shorter intervals)
     */
    public TestCluster(java.util.function.Consumer<Path> prepareHome, java.util.Map<String, List<String>> extraArguments) {
        this(prepareHome, extraArguments, Set.of());
    }

    /**
     * @param disabled components left out, e.g. the workload controller and node agents for a test
     *                 that places pods on nodes of its own
     */
    public TestCluster(java.util.function.Consumer<Path> prepareHome, java.util.Map<String, List<String>> extraArguments,
                       Set<String> disabled) {
        try {
            home = Files.createTempDirectory("kubeplane-acceptance");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        prepareHome.accept(home);
        PostgresTarget admin = new PostgresTarget(ADMIN_URL, PG_USER, PG_PASSWORD);
        settings = LocalClusterSettings.defaults(home)
                .withDatabase(new LocalClusterSettings.Database(admin.withDatabase(database).url(), PG_USER, PG_PASSWORD, true, true))
                .withPorts(new LocalClusterSettings.Ports(freePort(), freePort(), freePort(), freePort(), freePort(),
                        freePort(), freePort(), freePort(), freePort()))
                .withKafkaPort(freePort())
                .withDisabled(disabled)
                .withStartupTimeout(Duration.ofSeconds(150));
        // Every port free, DNS's too, so a local cluster running on this machine is no obstacle.
        cluster = new LocalCluster(settings, unexpectedStops::add, extraArguments);
        started = cluster.start();
        HttpClient http = HttpClient.newHttpClient();
        URI readyz = URI.create("http://127.0.0.1:" + settings.ports().apiServer() + "/readyz");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                http.send(HttpRequest.newBuilder(readyz).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    public Kubectl kubectl() {
        return new Kubectl(settings.kubeconfig(), home);
    }

    public LocalClusterSettings settings() {
        return settings;
    }

    public LocalCluster.Started started() {
        return started;
    }

    public Path home() {
        return home;
    }

    public List<String> unexpectedStops() {
        return unexpectedStops;
    }

    @Override
    public void close() {
        cluster.close();
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, PG_USER, PG_PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop " + database, e);
        }
    }

    private int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (ports.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
