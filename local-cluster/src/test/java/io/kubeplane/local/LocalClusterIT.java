package io.kubeplane.local;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local cluster in this JVM, end to end: against the local PostgreSQL (127.0.0.1:5432, as
 * {@code KUBEPLANE_TEST_PG_USER}/{@code _PASSWORD}, default {@code postgres} without a password),
 * in a database of the test's own that the cluster creates and the test drops, with a temporary
 * {@code KUBEPLANE_HOME}, the embedded Kafka broker and free ports. The real {@code kubectl} talks
 * to it over TLS with the kubeconfig it wrote; then it is stopped and started again, and must come
 * back with the same token, CA, topics and objects.
 */
class LocalClusterIT {

    private static final String ADMIN_URL = env("KUBEPLANE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String PG_USER = env("KUBEPLANE_TEST_PG_USER", "postgres");
    private static final String PG_PASSWORD = env("KUBEPLANE_TEST_PG_PASSWORD", "");

    @TempDir
    Path home;

    private final String database = "kubeplane_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<String> unexpectedStops = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Set<Integer> ports = new HashSet<>();
    private LocalClusterSettings settings;
    private LocalCluster cluster;

    @BeforeEach
    void settings() {
        PostgresTarget admin = new PostgresTarget(ADMIN_URL, PG_USER, PG_PASSWORD);
        settings = LocalClusterSettings.defaults(home)
                .withDatabase(new LocalClusterSettings.Database(admin.withDatabase(database).url(), PG_USER, PG_PASSWORD, true, true))
                .withPorts(new LocalClusterSettings.Ports(freePort(), freePort(), freePort(), freePort(), freePort(),
                        freePort(), freePort(), freePort(), freePort()))
                .withKafkaPort(freePort())
                .withStartupTimeout(Duration.ofSeconds(150));
    }

    @AfterEach
    void stopAndDropTheDatabase() throws SQLException {
        if (cluster != null) {
            cluster.close();
        }
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, PG_USER, PG_PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void startsReadyServesKubectlAndKeepsItsStateAcrossARestart() throws Exception {
        LocalCluster.Started started = start();

        assertThat(started.database().url()).endsWith("/" + database);
        assertThat(started.databaseDescription()).isEqualTo("configured server");
        awaitReadyz();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kubectl("get", "namespaces")).contains("default", "kube-system"));
        assertThat(kubectl("create", "namespace", "made-before-restart")).contains("namespace/made-before-restart created");
        String token = started.token();
        byte[] ca = Files.readAllBytes(home.resolve("pki/ca.crt"));
        String kubeconfig = Files.readString(settings.kubeconfig());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(topics(started.kafkaBootstrap())).contains("kubeplane.namespaces"));
        Set<String> topics = topics(started.kafkaBootstrap());

        cluster.close();
        assertThat(unexpectedStops).isEmpty();
        LocalCluster.Started restarted = start();

        assertThat(restarted.token()).isEqualTo(token);
        assertThat(Files.readAllBytes(home.resolve("pki/ca.crt"))).isEqualTo(ca);
        assertThat(Files.readString(settings.kubeconfig())).isEqualTo(kubeconfig);
        assertThat(topics(restarted.kafkaBootstrap())).containsAll(topics);
        awaitReadyz();
        assertThat(kubectl("get", "namespace", "made-before-restart", "-o", "name"))
                .isEqualTo("namespace/made-before-restart\n");
        assertThat(unexpectedStops).isEmpty();
    }

    private LocalCluster.Started start() {
        // Every port free, DNS's too: a local cluster already running on this machine holds the defaults.
        cluster = new LocalCluster(settings, unexpectedStops::add, java.util.Map.of());
        return cluster.start();
    }

    private void awaitReadyz() {
        URI readyz = URI.create("http://127.0.0.1:" + settings.ports().apiServer() + "/readyz");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                http.send(HttpRequest.newBuilder(readyz).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200));
    }

    private String kubectl(String... args) {
        return new Kubectl(settings.kubeconfig(), home).run(args);
    }

    private static Set<String> topics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return new HashSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
        }
    }

    // Distinct free ports: the operating system may hand out a port again once its socket is closed.
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
