package io.kubeplane.apiserver.storage;

import io.kubeplane.events.WatchEventType;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The watch-event log in PostgreSQL. Thread-safe. */
public final class PostgresEventLog implements EventLog {

    private final JdbcTemplate jdbc;

    public PostgresEventLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long handedOut() {
        Long handedOut = jdbc.queryForObject("SELECT resource_version_handed_out()", Long.class);
        return handedOut == null ? 0 : handedOut;
    }

    @Override
    public ResourceVersionProbe probe() {
        // Two statements in autocommit: the first completes a transaction id taken after reading the
        // version, so the snapshot the second takes accounts for every writer up to that version.
        Long handedOut = jdbc.queryForObject("SELECT resource_version_probe()", Long.class);
        return new ResourceVersionProbe(handedOut == null ? 0 : handedOut, snapshot());
    }

    @Override
    public String snapshot() {
        return jdbc.queryForObject("SELECT pg_current_snapshot()::text", String.class);
    }

    @Override
    public List<StoredEvent> read(long after, long upTo, int max) {
        return jdbc.query("""
                        SELECT resource_version, type, resource, namespace, name, labels::text, fields::text,
                               prev_labels::text, prev_fields::text, body::text
                        FROM watch_events WHERE resource_version > ? AND resource_version <= ?
                        ORDER BY resource_version LIMIT ?""",
                (rs, i) -> new StoredEvent(rs.getLong(1), WatchEventType.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), JsonColumns.map(rs.getString(6)), JsonColumns.map(rs.getString(7)),
                        rs.getString(8) == null ? null : JsonColumns.map(rs.getString(8)),
                        rs.getString(9) == null ? null : JsonColumns.map(rs.getString(9)),
                        rs.getString(10)),
                after, upTo, max);
    }

    @Override
    public long oldestRetained() {
        Long oldest = jdbc.queryForObject("SELECT min(resource_version) FROM watch_events", Long.class);
        return oldest == null ? 0 : oldest;
    }

    @Override
    public int compactBelow(long version) {
        return jdbc.update("DELETE FROM watch_events WHERE resource_version < ?", version);
    }
}
