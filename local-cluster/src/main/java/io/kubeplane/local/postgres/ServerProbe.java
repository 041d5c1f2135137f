package io.kubeplane.local.postgres;

import java.sql.SQLException;

/**
 * Talks to a PostgreSQL server: whether a database answers, and creating one. The port through
 * which {@link PostgresLocator} reaches servers; {@link JdbcServerProbe} is the real one.
 */
public interface ServerProbe {

    /** Connects to {@code target} and reports what happened; never throws. */
    ProbeResult probe(PostgresTarget target);

    /** Creates {@code target}'s database on its server; a database that exists meanwhile is fine. */
    void createDatabase(PostgresTarget target) throws SQLException;
}
