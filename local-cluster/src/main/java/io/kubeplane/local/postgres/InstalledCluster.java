package io.kubeplane.local.postgres;

/**
 * A PostgreSQL cluster installed on this machine by the distribution (Debian's
 * {@code postgresql-common}: one line of {@code pg_lsclusters}).
 *
 * @param version major version, e.g. {@code 15}
 * @param name    cluster name, usually {@code main}
 * @param port    the port it listens on when running
 * @param online  whether it is running
 * @param owner   the OS user it runs as
 */
public record InstalledCluster(String version, String name, int port, boolean online, String owner) {

    /** {@code 15/main}, for messages. */
    public String label() {
        return version + "/" + name;
    }
}
