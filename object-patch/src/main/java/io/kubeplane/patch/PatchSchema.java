package io.kubeplane.patch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What strategic merge patch needs to know about an object type: for each field, its
 * {@link PatchMeta} (is a list merged, by which key, is a map {@code retainKeys}) and the schema of
 * its value (for a list, of its elements). Fields it does not name are untagged: objects merge key by
 * key, lists are replaced, so {@link #none()} gives JSON-merge-like behaviour plus the directives.
 *
 * <p>This is the Java form of apimachinery's {@code LookupPatchMeta} over the Go struct tags. Only
 * the tagged fields and the path to them are spelled out:
 * <pre>
 *   PatchSchema container = PatchSchema.builder()
 *           .mergeList("ports", "containerPort")
 *           .mergeList("env", "name")
 *           .build();
 *   PatchSchema podSpec = PatchSchema.builder()
 *           .mergeList("containers", "name", container)
 *           .build();
 *   podSpec.lookup("containers.ports")  →  patchStrategy:"merge" patchMergeKey:"containerPort"
 * </pre>
 *
 * <p>Server-side apply reads the same schema for its list and map semantics: a field's
 * {@link ListType} (from {@code +listType}/{@code +listMapKey}, else derived from the patch tags) and
 * {@link ObjectType} (struct, map or atomic). They usually agree with the tags, but not always: a
 * Service's ports merge by {@code port} in a strategic merge patch and are keyed by {@code port} and
 * {@code protocol} in server-side apply, a Pod's {@code status.hostIPs} merges by {@code ip} but is
 * atomic. Keeping both in one schema per kind keeps them side by side:
 * <pre>
 *   PatchSchema.builder()
 *           .mergeList("ports", "port")
 *           .listType("ports", ListType.map("port", "protocol").withKeyDefault("protocol", "TCP"))
 *           .objectType("selector", ObjectType.ATOMIC)
 *           .build();
 * </pre>
 *
 * <p>Immutable and thread-safe; {@link PatchSchemas} holds the schemas of the kinds kubeplane serves.
 */
public final class PatchSchema {

    /**
     * @param listType the explicit {@code +listType}, or null to derive it from {@code meta}
     * @param objectType how an object value (or each object element of a list) is owned
     */
    private record Field(PatchMeta meta, PatchSchema schema, @Nullable ListType listType, ObjectType objectType) {

        private static final Field NONE = new Field(PatchMeta.NONE, PatchSchema.NONE, null, ObjectType.STRUCT);
    }

    private static final PatchSchema NONE = new PatchSchema(Map.of());

    private final Map<String, Field> fields;

    private PatchSchema(Map<String, Field> fields) {
        this.fields = fields;
    }

    /** @return the schema that knows no field: every list is replaced, every object merged */
    public static PatchSchema none() {
        return NONE;
    }

    /** @return a builder for a new schema */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param field a field name of this type
     * @return its patch strategy and merge key; {@link PatchMeta#NONE} if untagged or unknown
     */
    public PatchMeta meta(String field) {
        Field known = fields.get(field);
        return known == null ? PatchMeta.NONE : known.meta();
    }

    /**
     * @param field a field name of this type
     * @return the schema of its value, or of its elements for a list; {@link #none()} if unknown
     */
    public PatchSchema schemaOf(String field) {
        Field known = fields.get(field);
        return known == null ? NONE : known.schema();
    }

    /**
     * @param path a dotted path of field names from this type, lists crossed transparently, e.g.
     *     {@code spec.template.spec.containers.env}
     * @return the patch meta of the last field
     */
    public PatchMeta lookup(String path) {
        return parentOf(path).meta(lastName(path));
    }

    /**
     * @param path a dotted path of field names, as for {@link #lookup}
     * @return the server-side apply list type of the last field
     */
    public ListType lookupListType(String path) {
        return parentOf(path).listType(lastName(path));
    }

    /**
     * @param path a dotted path of field names, as for {@link #lookup}
     * @return the server-side apply object type of the last field
     */
    public ObjectType lookupObjectType(String path) {
        return parentOf(path).objectType(lastName(path));
    }

    private PatchSchema parentOf(String path) {
        PatchSchema schema = this;
        String[] names = path.split("\\.");
        for (int i = 0; i < names.length - 1; i++) {
            schema = schema.schemaOf(names[i]);
        }
        return schema;
    }

    private static String lastName(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /**
     * @param field a field name of this type whose value is a list
     * @return its server-side apply list type: the {@code +listType} marker if it has one, else derived
     *     from its patch tags ({@link ListType#fromTags}); {@link ListType#ATOMIC} if unknown
     */
    public ListType listType(String field) {
        Field known = fields.getOrDefault(field, Field.NONE);
        ListType explicit = known.listType();
        return explicit != null ? explicit : ListType.fromTags(known.meta());
    }

    /**
     * @param field a field name of this type whose value is an object, or a list of objects
     * @return how server-side apply owns that object (or each element); {@link ObjectType#STRUCT} if
     *     unknown
     */
    public ObjectType objectType(String field) {
        return fields.getOrDefault(field, Field.NONE).objectType();
    }

    /** @return the names of the fields this schema describes */
    public Set<String> fieldNames() {
        return fields.keySet();
    }

    /** Builds a {@link PatchSchema}; not thread-safe, used once in static initialisers. */
    public static final class Builder {

        private final Map<String, Field> fields = new LinkedHashMap<>();

        private Builder() {
        }

        /** An untagged field whose value (or whose list elements) has a schema of its own. */
        public Builder field(String name, PatchSchema schema) {
            return field(name, PatchMeta.NONE, schema);
        }

        /** A field with explicit tags and value schema; keeps apply markers already given for it. */
        public Builder field(String name, PatchMeta meta, PatchSchema schema) {
            Field known = fields.getOrDefault(name, Field.NONE);
            fields.put(name, new Field(meta, schema, known.listType(), known.objectType()));
            return this;
        }

        /**
         * {@code +listType} (and {@code +listMapKey}) of a list field, for server-side apply; keeps the
         * field's tags and schema, whether declared before or after.
         */
        public Builder listType(String name, ListType listType) {
            Field known = fields.getOrDefault(name, Field.NONE);
            fields.put(name, new Field(known.meta(), known.schema(), listType, known.objectType()));
            return this;
        }

        /**
         * {@code +structType}/{@code +mapType} of an object field, or of the elements of a list field,
         * for server-side apply; keeps the field's tags and schema.
         */
        public Builder objectType(String name, ObjectType objectType) {
            Field known = fields.getOrDefault(name, Field.NONE);
            fields.put(name, new Field(known.meta(), known.schema(), known.listType(), objectType));
            return this;
        }

        /** {@code patchStrategy:"merge" patchMergeKey:"<key>"} on a list of objects without tagged fields. */
        public Builder mergeList(String name, String mergeKey) {
            return mergeList(name, mergeKey, NONE);
        }

        /** {@code patchStrategy:"merge" patchMergeKey:"<key>"} on a list of objects of {@code elements}. */
        public Builder mergeList(String name, String mergeKey, PatchSchema elements) {
            return field(name, PatchMeta.mergeByKey(mergeKey), elements);
        }

        /** {@code patchStrategy:"merge,retainKeys" patchMergeKey:"<key>"} (e.g. {@code volumes}). */
        public Builder mergeListRetainingKeys(String name, String mergeKey) {
            return field(name, new PatchMeta(Set.of(PatchStrategy.MERGE, PatchStrategy.RETAIN_KEYS), mergeKey), NONE);
        }

        /** {@code patchStrategy:"merge"} on a list of primitives, merged as a set (e.g. {@code finalizers}). */
        public Builder mergeSet(String name) {
            return field(name, PatchMeta.mergeAsSet(), NONE);
        }

        /** {@code patchStrategy:"retainKeys"} on an object (e.g. a Deployment's {@code strategy}). */
        public Builder retainKeys(String name, PatchSchema schema) {
            return field(name, new PatchMeta(Set.of(PatchStrategy.RETAIN_KEYS), null), schema);
        }

        /** @return the schema */
        public PatchSchema build() {
            return new PatchSchema(Map.copyOf(fields));
        }
    }
}
