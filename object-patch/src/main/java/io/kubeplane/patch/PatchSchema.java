package io.kubeplane.patch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
 * <p>Immutable and thread-safe; {@link PatchSchemas} holds the schemas of the kinds kubeplane serves.
 */
public final class PatchSchema {

    private record Field(PatchMeta meta, PatchSchema schema) {
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
        PatchSchema schema = this;
        String[] names = path.split("\\.");
        for (int i = 0; i < names.length - 1; i++) {
            schema = schema.schemaOf(names[i]);
        }
        return schema.meta(names[names.length - 1]);
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

        /** A field with explicit tags and value schema. */
        public Builder field(String name, PatchMeta meta, PatchSchema schema) {
            fields.put(name, new Field(meta, schema));
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
