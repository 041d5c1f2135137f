package io.kubeplane.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A PostgreSQL database that belongs to one test run: created empty on {@link #create()}, dropped
 * on {@link #close()}.
 *
 * <p>The server is the local one ({@code KUBEPLANE_TEST_PG_URL}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}, user {@code KUBEPLANE_TEST_PG_USER} default
 * {@code postgres}); where it does not answer and a Docker engine is present, a Testcontainers
 * PostgreSQL; else creation fails with a message saying how to get a server. Thread-safe; one
 * instance per test class is the usual use.
 */
public final class TestDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
    private static final String DEFAULT_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private final PostgresConnectionDetails admin;
    private final PostgresConnectionDetails details;
    private final String databaseName;
    private final AutoCloseable server;

    private TestDatabase(PostgresConnectionDetails admin, String databaseName, AutoCloseable server) {
        this.admin = admin;
        this.databaseName = databaseName;
        this.server = server;
        this.details = new PostgresConnectionDetails(
                withDatabase(admin.jdbcUrl(), databaseName), admin.username(), admin.password());
    }

    /** Creates a new, empty database with a unique name. */
    public static TestDatabase create() {
        String name = "kubeplane_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        PostgresConnectionDetails local = new PostgresConnectionDetails(
                env("KUBEPLANE_TEST_PG_URL", DEFAULT_ADMIN_URL), env("KUBEPLANE_TEST_PG_USER", "postgres"),
                env("KUBEPLANE_TEST_PG_PASSWORD", ""));
        SQLException localFailure;
        try {
            execute(local, "CREATE DATABASE " + name);
            return new TestDatabase(local, name, () -> { });
        } catch (SQLException e) {
            localFailure = e;
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
            PostgresConnectionDetails contained = new PostgresConnectionDetails(
                    container.getJdbcUrl(), container.getUsername(), container.getPassword());
            try {
                execute(contained, "CREATE DATABASE " + name);
            } catch (SQLException e) {
                container.stop();
                throw new IllegalStateException("could not create a database in the PostgreSQL container", e);
            }
            return new TestDatabase(contained, name, container::stop);
        }
        throw new IllegalStateException("""
                No PostgreSQL for the integration tests: %s did not answer (%s) and no Docker engine is present.
                Start the local server (e.g. `pg_ctlcluster 15 main start`), or set KUBEPLANE_TEST_PG_URL/_USER/_PASSWORD \
                to a server where the user may create databases.""".formatted(local.jdbcUrl(), localFailure.getMessage()));
    }

    /** Connection details of this test's own database. */
    public PostgresConnectionDetails details() {
        return details;
    }

    public String jdbcUrl() {
        return details.jdbcUrl();
    }

    public String username() {
        return details.username();
    }

    public String password() {
        return details.password();
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(details.jdbcUrl(), details.username(), details.password());
    }

    @Override
    public void close() {
        try {
            execute(admin, "DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
        } catch (SQLException e) {
            log.warn("could not drop test database {}: {}", databaseName, e.getMessage());
        }
        try {
            server.close();
        } catch (Exception e) {
            log.warn("could not stop the PostgreSQL container: {}", e.getMessage());
        }
    }

    private static void execute(PostgresConnectionDetails on, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(on.jdbcUrl(), on.username(), on.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static String withDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        int slash = base.lastIndexOf('/');
        return base.substring(0, slash + 1) + database + params;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
