package io.kubeplane.patch.apply;

import io.kubeplane.patch.ListType;
import io.kubeplane.patch.ObjectType;
import io.kubeplane.patch.PatchSchema;

/**
 * What server-side apply knows about the value at one place in an object: if it is an object, how it
 * is owned and the schema of its fields; if it is a list, its list type and the schema and object type
 * of its elements. Structured-merge-diff's {@code schema.TypeRef}, resolved from a {@link PatchSchema}.
 *
 * <p>A place the schema does not describe is "deduced" as kube-apiserver deduces it for unknown
 * fields: an object is a struct, a list is atomic.
 *
 * <p>Immutable and thread-safe.
 *
 * @param schema the fields of an object value, or of each element of a list value
 * @param listType how a list value is owned
 * @param objectType how an object value (or each object element of a list) is owned
 */
record TypeRef(PatchSchema schema, ListType listType, ObjectType objectType) {

    /** A value the schema says nothing about. */
    static final TypeRef DEDUCED = new TypeRef(PatchSchema.none(), ListType.ATOMIC, ObjectType.STRUCT);

    /** @return the type of a whole object of a kind */
    static TypeRef root(PatchSchema schema) {
        return new TypeRef(schema, ListType.ATOMIC, ObjectType.STRUCT);
    }

    /** @return the type of the value of field {@code name} of an object of this type */
    TypeRef field(String name) {
        if (objectType == ObjectType.MAP) {
            // a Go map's values have no declared fields
            return DEDUCED;
        }
        return new TypeRef(schema.schemaOf(name), schema.listType(name), schema.objectType(name));
    }

    /** @return the type of an element of a list of this type (a list in a list is atomic) */
    TypeRef element() {
        return new TypeRef(schema, ListType.ATOMIC, objectType);
    }

    /** @return whether an object of this type has named fields (struct fields are not owned as a whole) */
    boolean hasNamedFields() {
        return objectType != ObjectType.MAP;
    }
}
