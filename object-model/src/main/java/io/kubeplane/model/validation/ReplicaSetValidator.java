package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.kubeplane.model.ApiResources;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates apps/v1 ReplicaSets (Kubernetes' {@code ValidateReplicaSet} and apps/v1 update rules):
 * non-negative replicas and minReadySeconds, a selector that matches the template and never
 * changes, a template valid as a pod that restarts {@code Always}; status counts non-negative,
 * none above {@code status.replicas}, availability within readiness.
 *
 * <p>Immutable and thread-safe.
 */
public final class ReplicaSetValidator implements ObjectValidator<ReplicaSet> {

    private static final FieldPath SPEC = FieldPath.of("spec");

    @Override
    public List<FieldError> validateCreate(ReplicaSet replicaSet) {
        List<FieldError> errors = new ArrayList<>(MetadataValidation.validateCreate(replicaSet.getMetadata(),
                ApiResources.REPLICA_SETS.namespaced(), NameRule.DNS1123_SUBDOMAIN, FieldPath.of("metadata")));
        errors.addAll(validateSpec(spec(replicaSet)));
        return errors;
    }

    @Override
    public List<FieldError> validateUpdate(ReplicaSet replicaSet, ReplicaSet old) {
        List<FieldError> errors = new ArrayList<>(
                MetadataValidation.validateUpdate(replicaSet.getMetadata(), old.getMetadata(), FieldPath.of("metadata")));
        errors.addAll(validateSpec(spec(replicaSet)));
        errors.addAll(MetadataValidation.immutable(spec(replicaSet).getSelector(), spec(old).getSelector(), SPEC.child("selector")));
        return errors;
    }

    @Override
    public List<FieldError> validateStatusUpdate(ReplicaSet replicaSet, ReplicaSet old) {
        List<FieldError> errors = new ArrayList<>(ObjectValidator.super.validateStatusUpdate(replicaSet, old));
        ReplicaSetStatus status = replicaSet.getStatus() == null ? new ReplicaSetStatus() : replicaSet.getStatus();
        FieldPath path = FieldPath.of("status");
        int replicas = Nulls.num(status.getReplicas());
        ReplicatedPods.nonNegative(replicas, path.child("replicas"), errors);
        ReplicatedPods.nonNegative(Nulls.num(status.getFullyLabeledReplicas()), path.child("fullyLabeledReplicas"), errors);
        ReplicatedPods.nonNegative(Nulls.num(status.getReadyReplicas()), path.child("readyReplicas"), errors);
        ReplicatedPods.nonNegative(Nulls.num(status.getAvailableReplicas()), path.child("availableReplicas"), errors);
        ReplicatedPods.nonNegative(Nulls.num(status.getObservedGeneration()), path.child("observedGeneration"), errors);
        String more = "cannot be greater than status.replicas";
        if (Nulls.num(status.getFullyLabeledReplicas()) > replicas) {
            errors.add(FieldError.invalid(path.child("fullyLabeledReplicas"), status.getFullyLabeledReplicas(), more));
        }
        if (Nulls.num(status.getReadyReplicas()) > replicas) {
            errors.add(FieldError.invalid(path.child("readyReplicas"), status.getReadyReplicas(), more));
        }
        if (Nulls.num(status.getAvailableReplicas()) > replicas) {
            errors.add(FieldError.invalid(path.child("availableReplicas"), status.getAvailableReplicas(), more));
        }
        if (Nulls.num(status.getAvailableReplicas()) > Nulls.num(status.getReadyReplicas())) {
            errors.add(FieldError.invalid(path.child("availableReplicas"), status.getAvailableReplicas(),
                    "cannot be greater than readyReplicas"));
        }
        return errors;
    }

    private static List<FieldError> validateSpec(ReplicaSetSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (spec.getReplicas() != null) {
            ReplicatedPods.nonNegative(spec.getReplicas(), SPEC.child("replicas"), errors);
        }
        ReplicatedPods.nonNegative(Nulls.num(spec.getMinReadySeconds()), SPEC.child("minReadySeconds"), errors);
        errors.addAll(ReplicatedPods.validate(spec.getSelector(), spec.getTemplate(), SPEC));
        return errors;
    }

    private static ReplicaSetSpec spec(ReplicaSet replicaSet) {
        return replicaSet.getSpec() == null ? new ReplicaSetSpec() : replicaSet.getSpec();
    }
}
