package io.kubeplane.patch.apply;

import io.kubeplane.patch.ListType;
import io.kubeplane.patch.ObjectType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The JSON shape of a value as the walkers see it, and the shape two values share when compared or
 * merged. Structured-merge-diff reads the shape from the schema; kubeplane's schemas only describe
 * lists and maps that need it, so the values tell, with Go's reading of {@code null}: a null where
 * the other side has an object or list is that container, present but empty.
 *
 * <p>Stateless and thread-safe.
 */
enum Shape {

    OBJECT, LIST, SCALAR, NULL;

    static Shape of(JsonNode value) {
        if (value.isObject()) {
            return OBJECT;
        }
        if (value.isArray()) {
            return LIST;
        }
        return value.isNull() || value.isMissingNode() ? NULL : SCALAR;
    }

    /**
     * @return the shape both values are read as, or null if they differ (an object replaced by a
     *     string, say); a value that is absent (Java null) takes the other's shape
     */
    static @Nullable Shape common(@Nullable JsonNode left, @Nullable JsonNode right) {
        Shape l = left == null ? null : of(left);
        Shape r = right == null ? null : of(right);
        if (l == null) {
            return r == NULL ? SCALAR : r;
        }
        if (r == null || l == r) {
            return l == NULL ? SCALAR : l;
        }
        if (l == NULL) {
            return r;
        }
        if (r == NULL) {
            return l;
        }
        return null;
    }

    /** @return whether a value of this shape is owned piece by piece under {@code type} */
    boolean granular(TypeRef type) {
        return switch (this) {
            case OBJECT -> type.objectType() != ObjectType.ATOMIC;
            case LIST -> type.listType().kind() != ListType.Kind.ATOMIC;
            default -> false;
        };
    }

    /** @return whether a value is absent, null, or an empty object or list ({@code emptyPromoteToLeaf}) */
    static boolean isEmpty(@Nullable JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() || (value.isContainer() && value.isEmpty());
    }
}
