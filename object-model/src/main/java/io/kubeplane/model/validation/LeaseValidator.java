package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.kubeplane.model.ApiResources;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates coordination.k8s.io/v1 Leases (Kubernetes' {@code ValidateLease}): a DNS-1123 subdomain
 * name, a positive {@code leaseDurationSeconds} and a non-negative {@code leaseTransitions} when set.
 *
 * <p>Immutable and thread-safe. Called through {@link Validation} by the api-server.
 */
public final class LeaseValidator implements ObjectValidator<Lease> {

    @Override
    public List<FieldError> validateCreate(Lease lease) {
        List<FieldError> errors = new ArrayList<>(MetadataValidation.validateCreate(lease.getMetadata(),
                ApiResources.LEASES.namespaced(), NameRule.DNS1123_SUBDOMAIN, FieldPath.of("metadata")));
        errors.addAll(validateSpec(lease.getSpec()));
        return errors;
    }

    @Override
    public List<FieldError> validateUpdate(Lease lease, Lease old) {
        List<FieldError> errors = new ArrayList<>(
                MetadataValidation.validateUpdate(lease.getMetadata(), old.getMetadata(), FieldPath.of("metadata")));
        errors.addAll(validateSpec(lease.getSpec()));
        return errors;
    }

    private static List<FieldError> validateSpec(LeaseSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (spec == null) {
            return errors;
        }
        FieldPath path = FieldPath.of("spec");
        if (spec.getLeaseDurationSeconds() != null && spec.getLeaseDurationSeconds() <= 0) {
            errors.add(FieldError.invalid(path.child("leaseDurationSeconds"), spec.getLeaseDurationSeconds(),
                    "must be greater than 0"));
        }
        if (spec.getLeaseTransitions() != null && spec.getLeaseTransitions() < 0) {
            errors.add(FieldError.invalid(path.child("leaseTransitions"), spec.getLeaseTransitions(),
                    "must be greater than or equal to 0"));
        }
        return errors;
    }
}
