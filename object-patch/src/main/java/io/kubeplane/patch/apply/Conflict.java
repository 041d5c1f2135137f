package io.kubeplane.patch.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeplane.patch.apply.ManagedFieldsEntry.Operation;
import org.jspecify.annotations.Nullable;

/**
 * A field an apply would take from another manager who set it to a different value, as
 * structured-merge-diff's {@code merge.Conflict}. The api-server answers a non-forced apply with
 * conflicts as kube-apiserver's {@code NewConflictError} does: {@code 409 Conflict}, reason
 * {@code Conflict}, {@link #message(List)} as the message, and one cause per conflict with type
 * {@code FieldManagerConflict}, message {@link #causeMessage()} and field {@link #field()}:
 * <pre>
 *   Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .spec.ports[port=80,protocol="TCP"].targetPort
 * </pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param manager the other manager
 * @param operation how it got the field
 * @param apiVersion the version it wrote in, for an updater; null for an applier
 * @param subresource the subresource it wrote through, or null
 * @param field the field
 */
public record Conflict(String manager, Operation operation, @Nullable String apiVersion, @Nullable String subresource,
        FieldPath field) {

    Conflict(ManagerId owner, FieldPath field) {
        this(owner.manager(), owner.operation(), owner.apiVersion(), owner.subresource(), field);
    }

    private ManagerId owner() {
        return new ManagerId(manager, operation, apiVersion, subresource);
    }

    /** @return the cause message, e.g. {@code conflict with "kubectl-client-side-apply" using v1} */
    public String causeMessage() {
        return "conflict with " + owner().describe();
    }

    /** @return e.g. {@code conflict with "kubectl" with subresource "status": .status.replicas} */
    @Override
    public String toString() {
        return causeMessage() + ": " + field;
    }

    /**
     * @param conflicts the conflicts of one apply, as {@link ServerSideApply} returns them
     * @return kube-apiserver's message: the one conflict, or the conflicts grouped by manager
     *     ({@code conflicts with "a":\n- .spec.x\nconflicts with "b" using v1:\n- .spec.y})
     */
    public static String message(List<Conflict> conflicts) {
        if (conflicts.size() == 1) {
            return "Apply failed with 1 conflict: " + conflicts.getFirst();
        }
        Map<String, List<Conflict>> byManager = new LinkedHashMap<>();
        conflicts.stream()
                .sorted((a, b) -> GoValues.compareStrings(a.owner().identifier(), b.owner().identifier()))
                .forEach(conflict -> byManager.computeIfAbsent(conflict.owner().identifier(), id -> new ArrayList<>()).add(conflict));
        List<String> lines = new ArrayList<>();
        byManager.values().forEach(group -> {
            lines.add("conflicts with " + group.getFirst().owner().describe() + ":");
            group.forEach(conflict -> lines.add("- " + conflict.field()));
        });
        return "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
    }
}
