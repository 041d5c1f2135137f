package io.kubeplane.patch.apply;

import static io.kubeplane.patch.apply.ManagedFieldsEntry.Operation.APPLY;
import static io.kubeplane.patch.apply.ManagedFieldsEntry.Operation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Conflict messages as kube-apiserver's {@code NewConflictError} writes them ({@code conflict_test.go};
 * the manager identifiers it builds carry no time, so no {@code at <time>} is printed).
 */
class ConflictTest {

    private static final FieldPath REPLICAS = FieldPath.fields("spec", "replicas");
    private static final FieldPath LABEL = FieldPath.fields("metadata", "labels", "app");

    @Test
    void oneConflict() {
        Conflict conflict = new Conflict("foo", UPDATE, "v1", null, REPLICAS);
        assertThat(conflict.causeMessage()).isEqualTo("conflict with \"foo\" using v1");
        assertThat(conflict.field()).hasToString(".spec.replicas");
        assertThat(Conflict.message(List.of(conflict))).isEqualTo("Apply failed with 1 conflict: conflict with \"foo\" using v1: .spec.replicas");
    }

    @Test
    void conflictsAreGroupedBySortedManager() {
        List<Conflict> conflicts = List.of(new Conflict("foo", UPDATE, "v1", null, REPLICAS), new Conflict("bar", APPLY, null, null, LABEL));
        assertThat(Conflict.message(conflicts)).isEqualTo("""
                Apply failed with 2 conflicts: conflicts with "bar":
                - .metadata.labels.app
                conflicts with "foo" using v1:
                - .spec.replicas""");
        assertThat(new ApplyResult(Fixtures.json("{}"), conflicts).conflictMessage()).isEqualTo(Conflict.message(conflicts));
    }

    @Test
    void aSubresourceIsNamed() {
        Conflict conflict = new Conflict("foo", UPDATE, "v1", "scale", REPLICAS);
        assertThat(Conflict.message(List.of(conflict)))
                .isEqualTo("Apply failed with 1 conflict: conflict with \"foo\" with subresource \"scale\" using v1: .spec.replicas");
    }
}
