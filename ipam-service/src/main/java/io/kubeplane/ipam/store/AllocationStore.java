package io.kubeplane.ipam.store;

import io.kubeplane.ipam.allocation.Allocation;
import io.kubeplane.ipam.allocation.Owner;
import io.kubeplane.ipam.pool.Pool;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The allocation table. Each statement is one round trip; a caller's transaction, if any, holds
 * several together. The primary key {@code (pool, ordinal)} decides every race. Thread-safe.
 */
@Repository
public class AllocationStore {

    private static final String COLUMNS = "pool, ordinal, value, owner_resource, owner_namespace, owner_name, owner_uid, allocated_at";

    private final JdbcTemplate jdbc;

    public AllocationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the value for {@code owner}, in {@code slot} if one is named; false when someone holds
     * the value, or the owner already holds something in that slot.
     */
    public boolean insert(String pool, int ordinal, String value, Owner owner, @Nullable String slot) {
        return jdbc.update("""
                INSERT INTO ipam.allocations (pool, ordinal, value, owner_resource, owner_namespace, owner_name, owner_uid, slot)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                pool, ordinal, value, owner.resource(), owner.namespace(), owner.name(), owner.uid(), slot) == 1;
    }

    /** What {@code ownerUid} holds in {@code slot}, if anything. */
    public Optional<Allocation> findSlot(String ownerUid, String slot) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ipam.allocations WHERE owner_uid = ? AND slot = ?",
                AllocationStore::row, ownerUid, slot).stream().findFirst();
    }

    /** Every allocation held by owners of one of {@code resources}, oldest first. */
    public List<Allocation> byOwnerResources(List<String> resources) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ipam.allocations WHERE owner_resource = ANY (?) ORDER BY allocated_at",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", resources.toArray())), AllocationStore::row);
    }

    /** Every allocation held by owners of {@code resource} ({@code pods}), oldest first. */
    public List<Allocation> byOwnerResource(String resource) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ipam.allocations WHERE owner_resource = ? ORDER BY allocated_at",
                AllocationStore::row, resource);
    }

    /** The ranges of the recorded pools of one kind ({@code pod-ips}), including those not configured. */
    public List<String> poolRanges(String kind) {
        return jdbc.queryForList("SELECT range FROM ipam.pools WHERE kind = ? ORDER BY name", String.class, kind);
    }

    public Optional<Allocation> find(String pool, int ordinal) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ipam.allocations WHERE pool = ? AND ordinal = ?",
                AllocationStore::row, pool, ordinal).stream().findFirst();
    }

    /** Gives the value back if {@code ownerUid} holds it; false when it does not. */
    public boolean delete(String pool, int ordinal, String ownerUid) {
        return jdbc.update("DELETE FROM ipam.allocations WHERE pool = ? AND ordinal = ? AND owner_uid = ?",
                pool, ordinal, ownerUid) == 1;
    }

    /** Every allocation {@code ownerUid} holds, in every pool. */
    public List<Allocation> byOwner(String ownerUid) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ipam.allocations WHERE owner_uid = ? ORDER BY pool, ordinal",
                AllocationStore::row, ownerUid);
    }

    /** Who holds {@code value}, in whichever pool. */
    public List<Allocation> byValue(String value) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ipam.allocations WHERE value = ? ORDER BY pool",
                AllocationStore::row, value);
    }

    /** One page of a pool's allocations (all pools when {@code pool} is null), after {@code afterOrdinal}. */
    public List<Allocation> list(@Nullable String pool, int afterOrdinal, int limit) {
        if (pool == null) {
            return jdbc.query("SELECT " + COLUMNS + " FROM ipam.allocations ORDER BY pool, ordinal LIMIT ?",
                    AllocationStore::row, limit);
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM ipam.allocations WHERE pool = ? AND ordinal > ? ORDER BY ordinal LIMIT ?",
                AllocationStore::row, pool, afterOrdinal, limit);
    }

    /** The ordinals held in {@code pool}. */
    public BitSet taken(String pool) {
        BitSet taken = new BitSet();
        jdbc.query("SELECT ordinal FROM ipam.allocations WHERE pool = ?", rs -> {
            taken.set(rs.getInt(1));
        }, pool);
        return taken;
    }

    /** How many values each pool has handed out. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        jdbc.query("SELECT pool, count(*) FROM ipam.allocations GROUP BY pool", rs -> {
            counts.put(rs.getString(1), rs.getInt(2));
        });
        return counts;
    }

    /** Records a configured pool, keeping the time it was first seen. */
    public void recordPool(Pool pool) {
        jdbc.update("""
                INSERT INTO ipam.pools (name, kind, range, size, static_band) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, range = excluded.range, size = excluded.size,
                    static_band = excluded.static_band""",
                pool.name(), pool.kind().label(), pool.range(), pool.size(), pool.staticBand());
    }

    /** When each recorded pool was first seen, by name. */
    public Map<String, java.time.Instant> poolCreationTimes() {
        Map<String, java.time.Instant> times = new TreeMap<>();
        jdbc.query("SELECT name, created_at FROM ipam.pools", rs -> {
            times.put(rs.getString(1), rs.getTimestamp(2).toInstant());
        });
        return times;
    }

    private static Allocation row(ResultSet rs, int rowNum) throws SQLException {
        Timestamp at = rs.getTimestamp("allocated_at");
        return new Allocation(rs.getString("pool"), rs.getInt("ordinal"), rs.getString("value"),
                new Owner(rs.getString("owner_resource"), rs.getString("owner_namespace"), rs.getString("owner_name"),
                        rs.getString("owner_uid")),
                at.toInstant());
    }
}
