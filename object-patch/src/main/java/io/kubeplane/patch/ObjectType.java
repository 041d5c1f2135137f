package io.kubeplane.patch;

/**
 * How server-side apply treats a JSON object: as a Go struct, a Go map, or one atomic value (the
 * {@code +structType} and {@code +mapType} markers of {@code k8s.io/api},
 * {@code x-kubernetes-map-type} in the OpenAPI document).
 * <pre>
 *   STRUCT   fields owned one by one; the struct itself is owned only when empty   (spec, metadata)
 *   MAP      keys owned one by one, each key also as a whole                        (metadata.labels)
 *   ATOMIC   owned and replaced as one value (+structType=atomic, +mapType=atomic)  (Service spec.selector)
 * </pre>
 * STRUCT and MAP differ only where a map's values are objects or lists: a map entry is owned as a
 * whole as well as field by field, a struct field is not.
 */
public enum ObjectType {

    /** A Go struct: granular, fields are named. The default for objects the schema does not describe. */
    STRUCT,
    /** A Go map ({@code map[string]T}): granular, every key is an owned member. */
    MAP,
    /** {@code +structType=atomic} or {@code +mapType=atomic}: one value. */
    ATOMIC
}
