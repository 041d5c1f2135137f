package io.kubeplane.patch.apply;

import io.kubeplane.patch.apply.ManagedFieldsEntry.Operation;
import org.jspecify.annotations.Nullable;

/**
 * Who owns a set of fields, as kube-apiserver's {@code BuildManagerIdentifier} tells entries apart:
 * manager, operation and subresource, plus the apiVersion for updaters (an applier keeps one entry
 * whatever version it applies in).
 *
 * <p>Immutable and thread-safe.
 *
 * @param manager the field manager
 * @param operation Apply or Update
 * @param apiVersion the version, for an updater; null for an applier
 * @param subresource the subresource, or null
 */
record ManagerId(String manager, Operation operation, @Nullable String apiVersion, @Nullable String subresource) {

    /** The transient owner of what the current update changed, before it moves to the real manager. */
    static final ManagerId CURRENT_OPERATION = new ManagerId("current-operation", Operation.UPDATE, null, null);

    /** @return the identity of an applier; an empty name is {@code unknown}, as kube-apiserver names it */
    static ManagerId applier(String manager, @Nullable String subresource) {
        return new ManagerId(manager.isEmpty() ? "unknown" : manager, Operation.APPLY, null, subresource);
    }

    /** @return the identity of an updater writing in {@code apiVersion} */
    static ManagerId updater(String manager, String apiVersion, @Nullable String subresource) {
        return new ManagerId(manager.isEmpty() ? "unknown" : manager, Operation.UPDATE, apiVersion, subresource);
    }

    /** @return the identity of the owner of an entry */
    static ManagerId of(ManagedFieldsEntry entry) {
        return new ManagerId(entry.manager(), entry.operation(),
                entry.operation() == Operation.APPLY ? null : entry.apiVersion(), entry.subresource());
    }

    /**
     * @return the identifier kube-apiserver keys managers by and sorts conflicts by, e.g.
     *     {@code {"manager":"kubectl","operation":"Update","apiVersion":"v1"}}
     */
    String identifier() {
        StringBuilder out = new StringBuilder("{");
        if (!manager.isEmpty()) {
            out.append("\"manager\":");
            GoJson.writeString(out, manager);
            out.append(',');
        }
        out.append("\"operation\":\"").append(operation.wireName()).append('"');
        if (apiVersion != null && !apiVersion.isEmpty()) {
            out.append(",\"apiVersion\":");
            GoJson.writeString(out, apiVersion);
        }
        if (subresource != null) {
            out.append(",\"subresource\":");
            GoJson.writeString(out, subresource);
        }
        return out.append('}').toString();
    }

    /**
     * @return the manager as kube-apiserver prints it in a conflict: {@code "kubectl"},
     *     {@code "kube-controller-manager" with subresource "status" using v1}
     */
    String describe() {
        StringBuilder out = new StringBuilder(GoValues.quote(manager));
        if (subresource != null) {
            out.append(" with subresource ").append(GoValues.quote(subresource));
        }
        if (operation == Operation.UPDATE) {
            out.append(" using ").append(apiVersion == null ? "" : apiVersion);
        }
        return out.toString();
    }
}
