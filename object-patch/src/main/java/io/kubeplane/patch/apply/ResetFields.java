package io.kubeplane.patch.apply;

import org.jspecify.annotations.Nullable;

/**
 * The fields a registry strategy resets, which no write through that (sub)resource owns: kube-
 * apiserver's {@code GetResetFields}. The main resource does not write {@code status}; the
 * {@code status} subresource writes nothing but it (a Pod's status writer not even the deletion
 * timestamp and owner references it may carry).
 *
 * <p>Stateless and thread-safe.
 */
final class ResetFields {

    private static final FieldSet MAIN = FieldSet.of(FieldPath.fields("status"));
    private static final FieldSet STATUS = FieldSet.of(FieldPath.fields("spec"));
    private static final FieldSet POD_STATUS = FieldSet.of(
            FieldPath.fields("spec"),
            FieldPath.fields("metadata", "deletionTimestamp"),
            FieldPath.fields("metadata", "ownerReferences"));

    private ResetFields() {
    }

    /**
     * @param subresource null for the main resource, else e.g. {@code status}
     * @return the fields reset for writes to the kind through it
     */
    static FieldSet of(String apiVersion, String kind, @Nullable String subresource) {
        if (subresource == null) {
            return MAIN;
        }
        if (subresource.equals("status")) {
            return apiVersion.equals("v1") && kind.equals("Pod") ? POD_STATUS : STATUS;
        }
        return FieldSet.empty();
    }
}
