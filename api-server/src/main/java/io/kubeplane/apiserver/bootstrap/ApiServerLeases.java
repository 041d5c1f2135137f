package io.kubeplane.apiserver.bootstrap;

import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The leases api-server replicas renew while they run, as kube-apiserver's lease endpoint
 * reconciler keeps one per replica: the {@code default/kubernetes} Endpoints list exactly the
 * replicas whose lease is current, so one that died drops out after the lease's time to live. The
 * database's clock decides, so replicas' clocks need not agree. Thread-safe.
 */
final class ApiServerLeases {

    /** A live replica: its advertised address and secure port. */
    record Lease(String address, int port) {
    }

    private final JdbcTemplate jdbc;

    ApiServerLeases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void renew(String address, int port) {
        jdbc.update("""
                INSERT INTO api_server_leases (address, port, renewed_at) VALUES (?, ?, now())
                ON CONFLICT (address) DO UPDATE SET port = excluded.port, renewed_at = excluded.renewed_at""", address, port);
    }

    /** The replicas whose lease was renewed within {@code ttl}, by address. */
    List<Lease> live(Duration ttl) {
        return jdbc.query("SELECT address, port FROM api_server_leases WHERE renewed_at > now() - ? * interval '1 millisecond' ORDER BY address",
                (rs, row) -> new Lease(rs.getString(1), rs.getInt(2)), ttl.toMillis());
    }

    /** Gives up this replica's lease, on the way out. */
    void remove(String address) {
        jdbc.update("DELETE FROM api_server_leases WHERE address = ?", address);
    }
}
