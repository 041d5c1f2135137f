package io.kubeplane.local.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubeplane.local.postgres.ProbeResult.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PostgresLocator} walking through the decision table with hand-made fakes of the servers:
 * which database exists where, which installed cluster is up, whether the embedded one started.
 */
class PostgresLocatorTest {

    private static final PostgresTarget DEFAULT = new PostgresTarget("jdbc:postgresql://localhost:5432/kubeplane", "postgres", "");
    private static final Path DIR = Path.of("/home/dev/.kubeplane/postgres");

    private final FakeServers servers = new FakeServers();

    @Test
    void usesTheLocalServerAndCreatesTheDatabaseWhenMissing() {
        servers.listening.add(5432);

        PostgresLocator.Located located = locator("dev").locate(DEFAULT, false, false, DIR);

        assertThat(located.target()).isEqualTo(DEFAULT);
        assertThat(located.description()).isEqualTo("local server");
        assertThat(servers.databases).containsEntry(5432, Set.of("kubeplane"));
        assertThat(located.embedded()).isNull();
    }

    @Test
    void startsTheStoppedInstalledClusterThenUsesIt() {
        servers.installed.add(new InstalledCluster("15", "main", 5432, false, "postgres"));

        PostgresLocator.Located located = locator("root").locate(DEFAULT, false, false, DIR);

        assertThat(servers.started).containsExactly("15/main");
        assertThat(located.target()).isEqualTo(DEFAULT);
        assertThat(located.description()).isEqualTo("local server, started PostgreSQL 15/main");
        assertThat(servers.databases).containsEntry(5432, Set.of("kubeplane"));
    }

    @Test
    void embedsAServerWhenNoneIsInstalledAndStopsItOnClose() {
        PostgresLocator.Located located = locator("dev").locate(DEFAULT, false, false, DIR);

        assertThat(located.target().url()).isEqualTo("jdbc:postgresql://localhost:5432/kubeplane");
        assertThat(located.target().user()).isEqualTo("postgres");
        assertThat(located.description()).isEqualTo("embedded, data in " + DIR);
        assertThat(servers.embeddedDirectories).containsExactly(DIR);
        assertThat(servers.databases).containsEntry(5432, Set.of("kubeplane"));

        located.close();
        assertThat(servers.listening).isEmpty();
    }

    @Test
    void givesUpAsRootWithNothingInstalled() {
        assertThatThrownBy(() -> locator("root").locate(DEFAULT, false, false, DIR))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("refuses to run as root");
        assertThat(servers.embeddedDirectories).isEmpty();
    }

    @Test
    void reportsADatabaseItMayNotCreate() {
        servers.listening.add(5432);
        servers.mayCreate = false;

        assertThatThrownBy(() -> locator("dev").locate(DEFAULT, false, false, DIR))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("database kubeplane does not exist on localhost:5432 and user 'postgres' cannot create it");
    }

    @Test
    void stopsTheEmbeddedServerWhenItsDatabaseCannotBeCreated() {
        servers.mayCreate = false;

        assertThatThrownBy(() -> locator("dev").locate(DEFAULT, false, false, DIR)).isInstanceOf(PostgresUnavailableException.class);
        assertThat(servers.embeddedDirectories).containsExactly(DIR);
        assertThat(servers.listening).isEmpty();
    }

    @Test
    void createsARoleOfItsOwnWhenTheDistributionsServerRejectsTheDefaultUserAndKeepsIt(@TempDir Path dir) throws IOException {
        servers.listening.add(5432);
        servers.logins.put("postgres", "secret only the OS account knows");
        servers.installed.add(new InstalledCluster("15", "main", 5432, true, "postgres"));

        PostgresLocator.Located first = locator("root").locate(DEFAULT, false, false, dir);
        PostgresLocator.Located second = locator("root").locate(DEFAULT, false, false, dir);

        assertThat(first.target().user()).isEqualTo(PostgresLocator.ROLE);
        assertThat(first.target().password()).matches("[0-9a-f]{48}");
        assertThat(second.target()).isEqualTo(first.target());
        assertThat(servers.rolesCreated).isEqualTo(1);
        assertThat(servers.databases).containsEntry(5432, Set.of("kubeplane"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("credentials"))))
                .isEqualTo("rw-------");
    }

    @Test
    void neverReplacesAUserTheUserNamed(@TempDir Path dir) {
        servers.listening.add(5432);
        servers.logins.put("postgres", "secret only the OS account knows");
        servers.installed.add(new InstalledCluster("15", "main", 5432, true, "postgres"));

        assertThatThrownBy(() -> locator("root").locate(DEFAULT, false, true, dir))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("rejected user 'postgres'");
        assertThat(servers.rolesCreated).isZero();
    }

    private PostgresLocator locator(String osUser) {
        return new PostgresLocator(servers, servers, servers, osUser);
    }

    /** Servers by port: which listen, which databases they hold; installed clusters; one embedded slot. */
    private static final class FakeServers implements ServerProbe, InstalledServers, EmbeddedServer {

        final Set<Integer> listening = new HashSet<>();
        final Map<Integer, Set<String>> databases = new HashMap<>();
        final List<InstalledCluster> installed = new ArrayList<>();
        final List<String> started = new ArrayList<>();
        final List<Path> embeddedDirectories = new ArrayList<>();
        final Map<String, String> logins = new HashMap<>(); // empty: anyone may log in
        int rolesCreated;
        boolean mayCreate = true;

        @Override
        public ProbeResult probe(PostgresTarget target) {
            if (!listening.contains(target.port())) {
                return ProbeResult.of(Outcome.UNREACHABLE, "Connection refused");
            }
            if (!logins.isEmpty() && !target.password().equals(logins.get(target.user()))) {
                return ProbeResult.of(Outcome.CREDENTIALS_REJECTED, "password authentication failed");
            }
            return databases.getOrDefault(target.port(), Set.of()).contains(target.database())
                    ? ProbeResult.answers() : ProbeResult.of(Outcome.DATABASE_MISSING, "no such database");
        }

        @Override
        public void createDatabase(PostgresTarget target) throws SQLException {
            if (!mayCreate) {
                throw new SQLException("permission denied to create database", "42501");
            }
            databases.computeIfAbsent(target.port(), port -> new HashSet<>()).add(target.database());
            databases.put(target.port(), Set.copyOf(databases.get(target.port())));
        }

        @Override
        public List<InstalledCluster> list() {
            return List.copyOf(installed);
        }

        @Override
        public void start(InstalledCluster cluster) throws IOException {
            installed.replaceAll(c -> c.equals(cluster) ? new InstalledCluster(c.version(), c.name(), c.port(), true, c.owner()) : c);
            listening.add(cluster.port());
            started.add(cluster.label());
        }

        @Override
        public void createRole(InstalledCluster cluster, String role, String password) {
            logins.put(role, password);
            rolesCreated++;
        }

        @Override
        public Running start(Path directory, int preferredPort) {
            embeddedDirectories.add(directory);
            listening.add(preferredPort);
            return new Running() {
                @Override
                public int port() {
                    return preferredPort;
                }

                @Override
                public void close() {
                    listening.remove(preferredPort);
                }
            };
        }
    }
}
