package io.kubeplane.apiserver.protobuf;

import org.jspecify.annotations.Nullable;

/**
 * Where a value sits in the object, built as the renderer descends and spelled only when an error
 * needs it: {@code spec.ports[0].targetPort}, as Kubernetes names fields in its errors.
 * Immutable.
 */
record FieldPath(@Nullable FieldPath parent, String segment) {

    /** The object itself. */
    static final FieldPath ROOT = new FieldPath(null, "");

    FieldPath field(String name) {
        return new FieldPath(this, name);
    }

    FieldPath index(int index) {
        return new FieldPath(this, "[" + index + "]");
    }

    FieldPath key(String key) {
        return new FieldPath(this, "[" + key + "]");
    }

    @Override
    public String toString() {
        if (parent == null) {
            return segment.isEmpty() ? "<object>" : segment;
        }
        String before = parent.parent == null && parent.segment.isEmpty() ? "" : parent.toString();
        if (before.isEmpty() || segment.startsWith("[")) {
            return before + segment;
        }
        return before + "." + segment;
    }
}
