package io.kubeplane.apiserver.storage;

import io.kubeplane.model.ApiResource;
import io.kubeplane.model.ApiResources;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The object store in PostgreSQL. Each write is one statement in its own transaction that takes a
 * resource version ({@code next_resource_version()}), writes the object row and appends the watch
 * event, so an object and its event commit together or not at all.
 *
 * <p>Thread-safe. After every committed write it calls {@code onCommit}, so the local event-log
 * tailer can pick the event up without waiting for its next poll.
 */
public final class PostgresObjectStore implements ObjectStore {

    private static final String SET_VERSION = "jsonb_set(%s, '{metadata,resourceVersion}', to_jsonb(v.rv::text))";

    private static final String CREATE = """
            WITH ns AS (%s),
            v AS (SELECT next_resource_version() AS rv FROM ns),
            o AS (
              INSERT INTO objects (resource, namespace, name, uid, resource_version, labels, fields, owner_uids, body)
              SELECT ?, ?, ?, ?::uuid, v.rv, ?::jsonb, ?::jsonb, ?::uuid[], %s FROM v
              ON CONFLICT DO NOTHING
              RETURNING resource, namespace, name, resource_version, labels, fields, body)
            INSERT INTO watch_events (resource_version, resource, namespace, name, type, labels, fields, body)
            SELECT resource_version, resource, namespace, name, 'ADDED', labels, fields, body FROM o
            RETURNING resource_version""".formatted("%s", SET_VERSION.formatted("?::jsonb"));

    /** A namespaced object may only be created in a namespace that exists and is not terminating. */
    private static final String ACTIVE_NAMESPACE = """
            SELECT 1 FROM objects WHERE resource = 'namespaces' AND namespace = '' AND name = ?
              AND body->'metadata'->'deletionTimestamp' IS NULL""";

    private static final String UPDATE = """
            WITH v AS (SELECT next_resource_version() AS rv),
            u AS (
              UPDATE objects o SET resource_version = v.rv, labels = ?::jsonb, fields = ?::jsonb,
                     owner_uids = ?::uuid[], body = %s
              FROM v
              WHERE o.resource = ? AND o.namespace = ? AND o.name = ? AND o.resource_version = ?
              RETURNING o.resource, o.namespace, o.name, o.resource_version, o.labels, o.fields, o.body)
            INSERT INTO watch_events (resource_version, resource, namespace, name, type, labels, fields,
                                      prev_labels, prev_fields, body)
            SELECT resource_version, resource, namespace, name, 'MODIFIED', labels, fields, ?::jsonb, ?::jsonb, body FROM u
            RETURNING resource_version""".formatted(SET_VERSION.formatted("?::jsonb"));

    private static final String DELETE = """
            WITH d AS (
              DELETE FROM objects WHERE resource = ? AND namespace = ? AND name = ? %s
              RETURNING resource, namespace, name, uid, labels, fields, body),
            v AS (SELECT next_resource_version() AS rv FROM d)
            INSERT INTO watch_events (resource_version, resource, namespace, name, type, labels, fields, body)
            SELECT v.rv, d.resource, d.namespace, d.name, 'DELETED', d.labels, d.fields, %s FROM d, v
            RETURNING resource_version, (SELECT uid FROM d), body::text""";

    private static final String SELECT_COLUMNS = "resource, namespace, name, uid, resource_version, body::text";

    private final JdbcTemplate jdbc;
    private final Runnable onCommit;
    private final ApiResources resources;

    public PostgresObjectStore(JdbcTemplate jdbc, ApiResources resources, Runnable onCommit) {
        this.jdbc = jdbc;
        this.resources = resources;
        this.onCommit = onCommit;
    }

    @Override
    public long create(ObjectKey key, ObjectWrite write) {
        boolean namespaced = !key.namespace().isEmpty();
        String sql = CREATE.formatted(namespaced ? ACTIVE_NAMESPACE : "SELECT 1");
        List<Object> args = new ArrayList<>();
        if (namespaced) {
            args.add(key.namespace());
        }
        args.addAll(List.of(key.resource().groupResource(), key.namespace(), key.name(), write.uid().toString(),
                JsonColumns.map(write.labels()), JsonColumns.map(write.fields()), JsonColumns.uuidArray(write.ownerUids()),
                write.json()));
        List<Long> versions = jdbc.queryForList(sql, Long.class, args.toArray());
        if (versions.isEmpty()) {
            throw whyCreateFailed(key, namespaced);
        }
        onCommit.run();
        return versions.getFirst();
    }

    private StoreException whyCreateFailed(ObjectKey key, boolean namespaced) {
        if (namespaced) {
            List<Boolean> namespace = jdbc.queryForList("""
                    SELECT body->'metadata'->'deletionTimestamp' IS NOT NULL FROM objects
                    WHERE resource = 'namespaces' AND namespace = '' AND name = ?""", Boolean.class, key.namespace());
            if (namespace.isEmpty() || namespace.getFirst()) {
                return new StoreException.NamespaceNotActive(key, !namespace.isEmpty());
            }
        }
        return new StoreException.AlreadyExists(key);
    }

    @Override
    public Optional<StoredObject> get(ObjectKey key) {
        List<StoredObject> found = jdbc.query(
                "SELECT " + SELECT_COLUMNS + " FROM objects WHERE resource = ? AND namespace = ? AND name = ?",
                rowMapper(), key.resource().groupResource(), key.namespace(), key.name());
        return found.stream().findFirst();
    }

    @Override
    public long update(ObjectKey key, long expectedVersion, ObjectWrite write, Map<String, String> previousLabels,
                       Map<String, String> previousFields) {
        List<Long> versions = jdbc.queryForList(UPDATE, Long.class,
                JsonColumns.map(write.labels()), JsonColumns.map(write.fields()), JsonColumns.uuidArray(write.ownerUids()),
                write.json(), key.resource().groupResource(), key.namespace(), key.name(), expectedVersion,
                JsonColumns.map(previousLabels), JsonColumns.map(previousFields));
        if (versions.isEmpty()) {
            if (get(key).isEmpty()) {
                throw new StoreException.NotFound(key);
            }
            throw new StoreException.Conflict(key, "the object has been modified; please apply your changes to the latest version and try again");
        }
        onCommit.run();
        return versions.getFirst();
    }

    @Override
    public StoredObject delete(ObjectKey key, @Nullable UUID expectedUid, @Nullable Long expectedVersion) {
        StringBuilder preconditions = new StringBuilder();
        List<Object> args = new ArrayList<>(List.of(key.resource().groupResource(), key.namespace(), key.name()));
        if (expectedUid != null) {
            preconditions.append(" AND uid = ?::uuid");
            args.add(expectedUid.toString());
        }
        if (expectedVersion != null) {
            preconditions.append(" AND resource_version = ?");
            args.add(expectedVersion);
        }
        String sql = DELETE.formatted(preconditions, SET_VERSION.formatted("d.body"));
        List<StoredObject> deleted = jdbc.query(sql, (rs, i) -> new StoredObject(
                key, UUID.fromString(rs.getString(2)), rs.getLong(1), rs.getString(3)), args.toArray());
        if (deleted.isEmpty()) {
            Optional<StoredObject> current = get(key);
            if (current.isEmpty()) {
                throw new StoreException.NotFound(key);
            }
            throw new StoreException.Conflict(key, expectedUid != null && !expectedUid.equals(current.get().uid())
                    ? "Precondition failed: UID in precondition: " + expectedUid + ", UID in object meta: " + current.get().uid()
                    : "Precondition failed: ResourceVersion in precondition: " + expectedVersion
                      + ", ResourceVersion in object meta: " + current.get().resourceVersion());
        }
        onCommit.run();
        return deleted.getFirst();
    }

    @Override
    public ListPage list(ListQuery query) {
        SqlFilter filter = new SqlFilter();
        filter.add("resource = ?", query.resource().groupResource());
        if (query.namespace() != null) {
            filter.add("namespace = ?", query.namespace());
        }
        if (query.after() != null) {
            filter.add("(namespace, name) > (?, ?)", query.after().namespace(), query.after().name());
        }
        SelectorSql.addLabelSelector(filter, query.labels());
        SelectorSql.addFieldSelector(filter, query.fields());
        String sql = "SELECT " + SELECT_COLUMNS + " FROM objects WHERE " + filter.where()
                     + " ORDER BY namespace, name" + (query.limit() > 0 ? " LIMIT " + (query.limit() + 1) : "");
        List<StoredObject> rows = jdbc.query(sql, rowMapper(), filter.args());
        if (query.limit() > 0 && rows.size() > query.limit()) {
            List<StoredObject> page = rows.subList(0, query.limit());
            StoredObject last = page.getLast();
            return new ListPage(page, new ContinueToken(0, last.key().namespace(), last.key().name()), null);
        }
        return new ListPage(rows, null, null);
    }

    @Override
    public List<StoredObject> dependentsOf(UUID ownerUid) {
        return jdbc.query("SELECT " + SELECT_COLUMNS + " FROM objects WHERE owner_uids @> ARRAY[?::uuid]",
                rowMapper(), ownerUid.toString());
    }

    @Override
    public boolean anyExists(List<UUID> uids) {
        if (uids.isEmpty()) {
            return false;
        }
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM objects WHERE uid = ANY(?::uuid[]))",
                Boolean.class, JsonColumns.uuidArray(uids)));
    }

    @Override
    public List<StoredObject> orphans(int limit) {
        return jdbc.query("""
                SELECT o.resource, o.namespace, o.name, o.uid, o.resource_version, o.body::text FROM objects o
                WHERE o.body->'metadata'->'deletionTimestamp' IS NULL
                  AND ((cardinality(o.owner_uids) > 0
                        AND NOT EXISTS (SELECT 1 FROM objects owner WHERE owner.uid = ANY(o.owner_uids)))
                    OR (o.namespace <> '' AND NOT EXISTS (
                        SELECT 1 FROM objects ns WHERE ns.resource = 'namespaces' AND ns.namespace = '' AND ns.name = o.namespace)))
                LIMIT ?""", rowMapper(), limit);
    }

    @Override
    public List<String> terminatingNamespaces() {
        return jdbc.queryForList("""
                SELECT name FROM objects WHERE resource = 'namespaces' AND namespace = ''
                  AND body->'metadata'->'deletionTimestamp' IS NOT NULL""", String.class);
    }

    @Override
    public boolean namespaceHasContent(String namespace) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM objects WHERE namespace = ?)", Boolean.class, namespace));
    }

    private RowMapper<StoredObject> rowMapper() {
        return (rs, i) -> toStoredObject(rs);
    }

    private StoredObject toStoredObject(ResultSet rs) throws SQLException {
        String groupResource = rs.getString(1);
        ApiResource resource = resources.byGroupResource(groupResource)
                .orElseThrow(() -> new IllegalStateException("store holds an unknown kind: " + groupResource));
        return new StoredObject(new ObjectKey(resource, rs.getString(2), rs.getString(3)),
                UUID.fromString(rs.getString(4)), rs.getLong(5), rs.getString(6));
    }
}
