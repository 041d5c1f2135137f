package io.kubeplane.apiserver.outbox;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The resource version up to which the relay has published every event, kept in the store so a new
 * leader continues where the last one stopped. Thread-safe.
 */
final class RelayPosition {

    private final JdbcTemplate jdbc;

    RelayPosition(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long read() {
        Long position = jdbc.queryForObject("SELECT published_version FROM relay_position WHERE id = 1", Long.class);
        return position == null ? 0 : position;
    }

    void advance(long version) {
        jdbc.update("UPDATE relay_position SET published_version = ? WHERE id = 1 AND published_version < ?",
                version, version);
    }
}
