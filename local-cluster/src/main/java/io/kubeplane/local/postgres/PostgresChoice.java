package io.kubeplane.local.postgres;

import java.util.List;
import java.util.Optional;

/**
 * Decides how the local cluster gets its PostgreSQL, from what has been found so far. Pure: no I/O;
 * {@link PostgresLocator} gathers the {@link Facts}, acts on the {@link Choice} and asks again until
 * a server is in use or the start is given up.
 *
 * <pre>
 *   probe of the URL      where                                   choice
 *   -------------------   -------------------------------------   -----------------------------
 *   answers               -                                       use it
 *   database missing      -                                       use it, creating the database
 *   credentials rejected  local URL, no user given, installed     create a role of our own in it (as
 *                         cluster on its port is online           root or its owner) and use that
 *   credentials rejected  otherwise                               give up: say which variables to set
 *   unreachable           local URL, installed cluster on its     start that cluster (as root or
 *                         port is down                            its owner), else say how
 *   unreachable           local URL, that cluster is online       give up: it does not answer
 *   unreachable           URL given by the user                   give up: never replace a named server
 *   unreachable           embedded already started                give up: it does not answer
 *   unreachable           running as root                         give up: PostgreSQL refuses root
 *   unreachable           otherwise                               start the embedded server
 * </pre>
 */
public final class PostgresChoice {

    private PostgresChoice() {
    }

    /**
     * What is known when deciding.
     *
     * @param target           the database being tried
     * @param urlGiven         whether the user named the URL (flag or variable)
     * @param probe            what connecting to it found
     * @param installed        the distribution's installed clusters (looked up only when the probe
     *                         found nothing, else empty)
     * @param osUser           the user this process runs as
     * @param userGiven        whether the user named the database user (then it is never replaced)
     * @param roleCreated      whether a role of our own was created for {@code target} already
     * @param embeddedStarted  whether the embedded server was started for {@code target}
     */
    public record Facts(PostgresTarget target, boolean urlGiven, ProbeResult probe, List<InstalledCluster> installed,
                        String osUser, boolean userGiven, boolean roleCreated, boolean embeddedStarted) {

        public Facts {
            installed = List.copyOf(installed);
        }

        boolean runningAsRoot() {
            return "root".equals(osUser);
        }
    }

    /** What to do next. */
    public sealed interface Choice {
    }

    /** Use the target's server; create its database first when {@code createDatabase}. */
    public record UseServer(boolean createDatabase) implements Choice {
    }

    /** Start this stopped installed cluster, then probe again. */
    public record StartInstalled(InstalledCluster cluster) implements Choice {
    }

    /**
     * Create (or reset) a login role of our own in this installed cluster through the OS account
     * that owns it, then connect as that role. Debian's packaged server asks for a password over
     * TCP, and its {@code postgres} role has none.
     */
    public record CreateRole(InstalledCluster cluster) implements Choice {
    }

    /** Start the embedded server, then probe it. */
    public record StartEmbedded() implements Choice {
    }

    /** No PostgreSQL can be had; {@code message} says why and what the user can do, in one line. */
    public record GiveUp(String message) implements Choice {
    }

    public static Choice decide(Facts facts) {
        PostgresTarget target = facts.target();
        String detail = facts.probe().detail();
        switch (facts.probe().outcome()) {
            case ANSWERS:
                return new UseServer(false);
            case DATABASE_MISSING:
                return new UseServer(true);
            case CREDENTIALS_REJECTED:
                Optional<InstalledCluster> owned = installedOnPort(facts).filter(InstalledCluster::online)
                        .filter(c -> mayAdminister(facts, c));
                if (!facts.userGiven() && !facts.roleCreated() && owned.isPresent()) {
                    return new CreateRole(owned.get());
                }
                return new GiveUp("PostgreSQL at " + target.address() + " rejected user '" + target.user() + "' (" + detail
                        + "): set KUBEPLANE_DB_USER and KUBEPLANE_DB_PASSWORD to a user that may create databases.");
            case UNREACHABLE:
            default:
                break;
        }
        if (facts.embeddedStarted()) {
            return new GiveUp("the embedded PostgreSQL server was started but does not answer at " + target.url()
                    + " (" + detail + ").");
        }
        Optional<InstalledCluster> installed = installedOnPort(facts);
        if (installed.isPresent()) {
            InstalledCluster cluster = installed.get();
            if (cluster.online()) {
                return new GiveUp("PostgreSQL " + cluster.label() + " is running on port " + cluster.port()
                        + " but does not answer at " + target.url() + " (" + detail + ").");
            }
            if (mayAdminister(facts, cluster)) {
                return new StartInstalled(cluster);
            }
            return new GiveUp("PostgreSQL " + cluster.label() + " is installed but stopped: start it with `sudo pg_ctlcluster "
                    + cluster.version() + " " + cluster.name() + " start` and run kubeplane-local again.");
        }
        if (facts.urlGiven()) {
            return new GiveUp("no PostgreSQL answers at " + target.url() + " (" + detail
                    + "): start that server, or leave KUBEPLANE_DB_URL/--db-url unset to use a local or embedded one.");
        }
        if (facts.runningAsRoot()) {
            return new GiveUp("no PostgreSQL answers at " + target.address() + " and PostgreSQL refuses to run as root, so none"
                    + " can be embedded: install one (Debian/Ubuntu: apt-get install postgresql), run as another user, or set"
                    + " KUBEPLANE_DB_URL to a server.");
        }
        return new StartEmbedded();
    }

    // The distribution's cluster that the (local) target's port belongs to.
    private static Optional<InstalledCluster> installedOnPort(Facts facts) {
        PostgresTarget target = facts.target();
        return target.isLocal()
                ? facts.installed().stream().filter(c -> c.port() == target.port()).findFirst()
                : Optional.empty();
    }

    // Root, or the cluster's owner, may start it and act as its superuser through the local socket.
    private static boolean mayAdminister(Facts facts, InstalledCluster cluster) {
        return facts.runningAsRoot() || cluster.owner().equals(facts.osUser());
    }
}
