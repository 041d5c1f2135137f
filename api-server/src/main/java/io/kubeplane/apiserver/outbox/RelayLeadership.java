package io.kubeplane.apiserver.outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election in PostgreSQL: the leader holds a session-level advisory lock on a connection of
 * its own, outside the pool (a pooled connection would keep the lock after it went back). If the process dies or its connection breaks, the server releases the lock and another
 * replica takes it; a leader that cannot confirm its connection stops leading before it publishes
 * again, so two relays never publish at once. Used by the relay thread only; not thread-safe.
 */
final class RelayLeadership implements AutoCloseable {

    /** An arbitrary key, the same on every replica: "kubeplane" in ASCII, folded into a long. */
    static final long LOCK_KEY = 0x6b756265706c616eL;

    private static final Logger log = LoggerFactory.getLogger(RelayLeadership.class);

    /** Opens a new, unpooled connection to the cluster store. */
    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource connections;
    private @Nullable Connection connection;
    private boolean leader;

    RelayLeadership(ConnectionSource connections) {
        this.connections = connections;
    }

    /** Whether this replica leads, confirmed on the lock's connection just now. */
    boolean confirm() {
        if (!leader) {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(5);
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            log.warn("lost the relay leadership connection: {}", e.getMessage());
            close();
            return false;
        }
    }

    /** Tries once to become leader. */
    boolean tryAcquire() {
        try {
            if (connection == null || connection.isClosed()) {
                connection = connections.open();
                connection.setAutoCommit(true);
            }
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
                leader = result.next() && result.getBoolean(1);
            }
        } catch (SQLException e) {
            log.debug("could not try for the relay leadership: {}", e.getMessage());
            close();
        }
        return leader;
    }

    @Override
    public void close() {
        leader = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // already broken: the server has released the lock
            }
            connection = null;
        }
    }
}
