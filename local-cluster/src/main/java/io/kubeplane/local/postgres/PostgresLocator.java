package io.kubeplane.local.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the local cluster's PostgreSQL: probes the configured database, and on
 * {@link PostgresChoice}'s word creates the database, starts an installed server, creates a role of
 * its own in one, or starts the embedded server, until a database answers or the start is given up with a one-line message. All I/O goes
 * through {@link ServerProbe}, {@link InstalledServers} and {@link EmbeddedServer}.
 *
 * <p>Not thread-safe; called once per start of the local cluster.
 */
public final class PostgresLocator {

    private static final Logger log = LoggerFactory.getLogger(PostgresLocator.class);
    // Each step changes what a probe finds (a server started, a database created), so a handful is
    // enough; more would mean a server that starts and then does not answer.
    private static final int MAX_STEPS = 5;
    /** The login role created in an installed server that rejects the default user. */
    public static final String ROLE = "kubeplane_local";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerProbe probe;
    private final InstalledServers installed;
    private final EmbeddedServer embedded;
    private final String osUser;

    public PostgresLocator(ServerProbe probe, InstalledServers installed, EmbeddedServer embedded, String osUser) {
        this.probe = probe;
        this.installed = installed;
        this.embedded = embedded;
        this.osUser = osUser;
    }

    /** A locator for this machine: JDBC, Debian's cluster tools, zonky's binaries, the current user. */
    public static PostgresLocator onThisMachine() {
        String user = ProcessHandle.current().info().user().orElse(System.getProperty("user.name", ""));
        return new PostgresLocator(new JdbcServerProbe(), new DebianClusters(), new ZonkyEmbeddedServer(), user);
    }

    /**
     * The database in use, and what to stop with the cluster.
     *
     * @param target      the database the cluster uses
     * @param description where it came from, for the summary: {@code local server}, {@code embedded, data in …}
     * @param embedded    the embedded server, if one was started
     */
    public record Located(PostgresTarget target, String description, EmbeddedServer.@Nullable Running embedded)
            implements AutoCloseable {

        /** Stops the embedded server, if one was started; a server found or started otherwise keeps running. */
        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /**
     * Finds or starts a server for {@code configured} and makes sure its database exists.
     *
     * @param urlGiven  whether the user named the URL; such a server is never replaced
     * @param userGiven whether the user named the database user; it is then never replaced by a
     *                  role of our own
     * @param directory where an embedded server keeps its binaries and data, and where the
     *                  credentials of a role of our own are kept
     * @throws PostgresUnavailableException with a one-line message saying how to get a server
     */
    public Located locate(PostgresTarget configured, boolean urlGiven, boolean userGiven, Path directory) {
        PostgresTarget target = userGiven ? configured : withStoredRole(configured, directory);
        String description = urlGiven ? "configured server" : "local server";
        boolean roleCreated = false;
        EmbeddedServer.@Nullable Running running = null;
        try {
            for (int step = 0; step < MAX_STEPS; step++) {
                ProbeResult found = probe.probe(target);
                boolean lookAtInstalled = target.isLocal() && (found.outcome() == ProbeResult.Outcome.UNREACHABLE
                        || found.outcome() == ProbeResult.Outcome.CREDENTIALS_REJECTED);
                PostgresChoice.Choice choice = PostgresChoice.decide(new PostgresChoice.Facts(target, urlGiven, found,
                        lookAtInstalled ? installed.list() : List.of(), osUser, userGiven, roleCreated, running != null));
                switch (choice) {
                    case PostgresChoice.UseServer use -> {
                        if (use.createDatabase()) {
                            createDatabase(target);
                        }
                        return new Located(target, description, running);
                    }
                    case PostgresChoice.StartInstalled start -> {
                        log.info("no PostgreSQL answers at {}: starting the installed PostgreSQL {}", target.address(),
                                start.cluster().label());
                        startInstalled(start.cluster());
                        description = "local server, started PostgreSQL " + start.cluster().label();
                    }
                    case PostgresChoice.CreateRole create -> {
                        log.info("PostgreSQL {} rejected user '{}': creating role {} in it", create.cluster().label(),
                                target.user(), ROLE);
                        target = createRole(create.cluster(), target, directory);
                        roleCreated = true;
                    }
                    case PostgresChoice.StartEmbedded ignored -> {
                        log.info("no PostgreSQL answers at {}: starting an embedded one in {}", target.address(), directory);
                        running = startEmbedded(directory, target.port());
                        target = new PostgresTarget("jdbc:postgresql://localhost:" + running.port() + "/" + target.database(),
                                "postgres", "");
                        description = "embedded, data in " + directory;
                    }
                    case PostgresChoice.GiveUp giveUp -> throw new PostgresUnavailableException(giveUp.message());
                }
            }
            throw new PostgresUnavailableException("no PostgreSQL answers at " + target.url() + " after " + MAX_STEPS
                    + " attempts to start one.");
        } catch (RuntimeException e) {
            if (running != null) {
                running.close();
            }
            throw e;
        }
    }

    // The role created on an earlier start, if it was created on this target's server.
    private static PostgresTarget withStoredRole(PostgresTarget target, Path directory) {
        try {
            return StoredCredentials.read(directory)
                    .filter(stored -> stored.server().equals(target.address()))
                    .map(stored -> target.withCredentials(stored.user(), stored.password()))
                    .orElse(target);
        } catch (IOException e) {
            log.warn("cannot read {}: {}", directory.resolve(StoredCredentials.FILE), e.getMessage());
            return target;
        }
    }

    private PostgresTarget createRole(InstalledCluster cluster, PostgresTarget target, Path directory) {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        try {
            installed.createRole(cluster, ROLE, password);
            StoredCredentials.write(directory, new StoredCredentials.Credentials(target.address(), ROLE, password));
        } catch (IOException e) {
            throw new PostgresUnavailableException("PostgreSQL " + cluster.label() + " rejected user '" + target.user()
                    + "' and creating a role failed (" + e.getMessage()
                    + "): set KUBEPLANE_DB_USER and KUBEPLANE_DB_PASSWORD to a user that may create databases.", e);
        }
        return target.withCredentials(ROLE, password);
    }

    private void createDatabase(PostgresTarget target) {
        try {
            probe.createDatabase(target);
            log.info("created database {} on {}", target.database(), target.address());
        } catch (SQLException e) {
            throw new PostgresUnavailableException("database " + target.database() + " does not exist on " + target.address()
                    + " and user '" + target.user() + "' cannot create it (" + e.getMessage()
                    + "): create it, or use a user that may (KUBEPLANE_DB_USER, KUBEPLANE_DB_PASSWORD).", e);
        }
    }

    private void startInstalled(InstalledCluster cluster) {
        try {
            installed.start(cluster);
        } catch (IOException e) {
            throw new PostgresUnavailableException("could not start the installed PostgreSQL " + cluster.label() + ": "
                    + e.getMessage(), e);
        }
    }

    private EmbeddedServer.Running startEmbedded(Path directory, int preferredPort) {
        try {
            return embedded.start(directory, preferredPort);
        } catch (IOException | RuntimeException e) {
            throw new PostgresUnavailableException("could not start an embedded PostgreSQL in " + directory + ": "
                    + e.getMessage() + " — install a server (Debian/Ubuntu: apt-get install postgresql) or set KUBEPLANE_DB_URL.",
                    e);
        }
    }
}
