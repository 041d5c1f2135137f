package io.kubeplane.model.validation;

import static io.kubeplane.model.validation.FieldError.Type.INVALID;
import static io.kubeplane.model.validation.FieldError.Type.REQUIRED;
import static io.kubeplane.model.validation.Fixtures.changed;
import static io.kubeplane.model.validation.Fixtures.error;
import static io.kubeplane.model.validation.Fixtures.typesAndFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Leases as {@code ValidateLease}: a subdomain name, a positive duration, transitions never negative. */
class LeaseValidatorTest {

    private final LeaseValidator validator = new LeaseValidator();

    @ParameterizedTest
    @MethodSource
    void create(Consumer<Lease> change, List<Tuple> expected) {
        Lease lease = changed(Fixtures.lease(), change);

        assertThat(typesAndFields(validator.validateCreate(lease))).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> create() {
        return Stream.of(
                row("a node's lease, held for 40 s", l -> { }),
                row("a leader-election lease with dots in its name", l -> l.getMetadata().setName("kube-controller-manager.v2")),
                row("no spec at all", l -> l.setSpec(null)),
                row("an empty spec", l -> l.getSpec().setHolderIdentity(null)),
                row("any holder identity", l -> l.getSpec().setHolderIdentity("Node 1 / pid 42_α")),
                row("a duration of 0 s", l -> l.getSpec().setLeaseDurationSeconds(0), error(INVALID, "spec.leaseDurationSeconds")),
                row("a negative duration", l -> l.getSpec().setLeaseDurationSeconds(-5), error(INVALID, "spec.leaseDurationSeconds")),
                row("no transitions yet", l -> l.getSpec().setLeaseTransitions(0)),
                row("negative transitions", l -> l.getSpec().setLeaseTransitions(-1), error(INVALID, "spec.leaseTransitions")),
                row("an upper-case name", l -> l.getMetadata().setName("Node-1"), error(INVALID, "metadata.name")),
                row("no name", l -> l.getMetadata().setName(null), error(REQUIRED, "metadata.name")),
                row("both numbers wrong", l -> {
                    l.getSpec().setLeaseDurationSeconds(0);
                    l.getSpec().setLeaseTransitions(-2);
                }, error(INVALID, "spec.leaseDurationSeconds"), error(INVALID, "spec.leaseTransitions")));
    }

    @Test
    void aRenewalIsAValidUpdate() {
        Lease old = Fixtures.lease();

        assertThat(validator.validateUpdate(changed(old, l -> {
            l.getSpec().setHolderIdentity("node-2");
            l.getSpec().setLeaseTransitions(1);
        }), old)).isEmpty();
    }

    @Test
    void anUpdateIsValidatedLikeACreate() {
        Lease old = Fixtures.lease();

        assertThat(typesAndFields(validator.validateUpdate(changed(old, l -> l.getSpec().setLeaseDurationSeconds(0)), old)))
                .containsExactly(error(INVALID, "spec.leaseDurationSeconds"));
        assertThat(validator.validateUpdate(changed(old, l -> l.getSpec().setLeaseDurationSeconds(0)), old))
                .extracting(FieldError::message).containsExactly("spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0");
    }

    private static Arguments row(String situation, Consumer<Lease> change, Tuple... expected) {
        return Fixtures.row(situation, change, expected);
    }
}
