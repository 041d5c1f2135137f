package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.kubeplane.model.ApiResources;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Validates apps/v1 Deployments (Kubernetes' {@code ValidateDeployment} and apps/v1 update rules):
 * a non-empty selector that matches the template's labels and never changes, non-negative replicas,
 * a RollingUpdate or Recreate strategy with int-or-percent surge and unavailability not both zero,
 * and a pod template valid as a pod that restarts {@code Always}.
 *
 * <p>Immutable and thread-safe. Called through {@link Validation} by the api-server (including for
 * writes through the {@code scale} subresource, which change only replicas).
 */
public final class DeploymentValidator implements ObjectValidator<Deployment> {

    static final List<String> STRATEGY_TYPES = List.of("Recreate", "RollingUpdate");
    private static final Pattern PERCENT = Pattern.compile("[0-9]+%");
    private static final FieldPath SPEC = FieldPath.of("spec");

    @Override
    public List<FieldError> validateCreate(Deployment deployment) {
        List<FieldError> errors = new ArrayList<>(MetadataValidation.validateCreate(deployment.getMetadata(),
                ApiResources.DEPLOYMENTS.namespaced(), NameRule.DNS1123_SUBDOMAIN, FieldPath.of("metadata")));
        errors.addAll(validateSpec(spec(deployment)));
        return errors;
    }

    @Override
    public List<FieldError> validateUpdate(Deployment deployment, Deployment old) {
        List<FieldError> errors = new ArrayList<>(
                MetadataValidation.validateUpdate(deployment.getMetadata(), old.getMetadata(), FieldPath.of("metadata")));
        errors.addAll(validateSpec(spec(deployment)));
        // apps/v1 made the selector immutable: changing it would orphan the existing ReplicaSets and pods.
        errors.addAll(MetadataValidation.immutable(spec(deployment).getSelector(), spec(old).getSelector(), SPEC.child("selector")));
        return errors;
    }

    /** Status writes: counts are non-negative and consistent with each other. */
    @Override
    public List<FieldError> validateStatusUpdate(Deployment deployment, Deployment old) {
        List<FieldError> errors = new ArrayList<>(ObjectValidator.super.validateStatusUpdate(deployment, old));
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        FieldPath path = FieldPath.of("status");
        nonNegative(Nulls.num(status.getReplicas()), path.child("replicas"), errors);
        nonNegative(Nulls.num(status.getUpdatedReplicas()), path.child("updatedReplicas"), errors);
        nonNegative(Nulls.num(status.getReadyReplicas()), path.child("readyReplicas"), errors);
        nonNegative(Nulls.num(status.getAvailableReplicas()), path.child("availableReplicas"), errors);
        nonNegative(Nulls.num(status.getUnavailableReplicas()), path.child("unavailableReplicas"), errors);
        nonNegative(Nulls.num(status.getObservedGeneration()), path.child("observedGeneration"), errors);
        if (status.getCollisionCount() != null) {
            nonNegative(status.getCollisionCount(), path.child("collisionCount"), errors);
        }
        String more = "cannot be greater than status.replicas";
        if (Nulls.num(status.getUpdatedReplicas()) > Nulls.num(status.getReplicas())) {
            errors.add(FieldError.invalid(path.child("updatedReplicas"), status.getUpdatedReplicas(), more));
        }
        if (Nulls.num(status.getReadyReplicas()) > Nulls.num(status.getReplicas())) {
            errors.add(FieldError.invalid(path.child("readyReplicas"), status.getReadyReplicas(), more));
        }
        if (Nulls.num(status.getAvailableReplicas()) > Nulls.num(status.getReplicas())) {
            errors.add(FieldError.invalid(path.child("availableReplicas"), status.getAvailableReplicas(), more));
        }
        if (Nulls.num(status.getAvailableReplicas()) > Nulls.num(status.getReadyReplicas())) {
            errors.add(FieldError.invalid(path.child("availableReplicas"), status.getAvailableReplicas(),
                    "cannot be greater than readyReplicas"));
        }
        return errors;
    }

    private static List<FieldError> validateSpec(DeploymentSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (spec.getReplicas() != null) {
            nonNegative(spec.getReplicas(), SPEC.child("replicas"), errors);
        }
        errors.addAll(ReplicatedPods.validate(spec.getSelector(), spec.getTemplate(), SPEC));
        errors.addAll(validateStrategy(spec.getStrategy()));
        int minReady = Nulls.num(spec.getMinReadySeconds());
        nonNegative(minReady, SPEC.child("minReadySeconds"), errors);
        if (spec.getRevisionHistoryLimit() != null) {
            nonNegative(spec.getRevisionHistoryLimit(), SPEC.child("revisionHistoryLimit"), errors);
        }
        Integer deadline = spec.getProgressDeadlineSeconds();
        if (deadline != null) {
            nonNegative(deadline, SPEC.child("progressDeadlineSeconds"), errors);
            if (deadline <= minReady) {
                errors.add(FieldError.invalid(SPEC.child("progressDeadlineSeconds"), deadline, "must be greater than minReadySeconds"));
            }
        }
        return errors;
    }

    private static List<FieldError> validateStrategy(@Nullable DeploymentStrategy strategy) {
        FieldPath path = SPEC.child("strategy");
        if (strategy == null) {
            return List.of();
        }
        List<FieldError> errors = new ArrayList<>();
        String type = Nulls.str(strategy.getType());
        RollingUpdateDeployment rolling = strategy.getRollingUpdate();
        switch (type) {
            case "Recreate" -> {
                if (rolling != null) {
                    errors.add(FieldError.forbidden(path.child("rollingUpdate"),
                            "may not be specified when strategy `type` is 'Recreate'"));
                }
            }
            // An unset type is defaulted to RollingUpdate, and missing rollingUpdate values to 25%.
            case "RollingUpdate", "" -> {
                if (rolling != null) {
                    errors.addAll(validateRollingUpdate(rolling, path.child("rollingUpdate")));
                }
            }
            default -> errors.add(FieldError.notSupported(path.child("type"), type, STRATEGY_TYPES));
        }
        return errors;
    }

    private static List<FieldError> validateRollingUpdate(RollingUpdateDeployment rolling, FieldPath path) {
        List<FieldError> errors = new ArrayList<>();
        IntOrString maxUnavailable = rolling.getMaxUnavailable();
        IntOrString maxSurge = rolling.getMaxSurge();
        errors.addAll(validateIntOrPercent(maxUnavailable, path.child("maxUnavailable")));
        errors.addAll(validateIntOrPercent(maxSurge, path.child("maxSurge")));
        // Both zero would let a rollout neither add nor remove a pod: it could never progress.
        if (maxUnavailable != null && maxSurge != null && amount(maxUnavailable) == 0 && amount(maxSurge) == 0) {
            errors.add(FieldError.invalid(path.child("maxUnavailable"), maxUnavailable, "may not be 0 when `maxSurge` is 0"));
        }
        if (maxUnavailable != null && maxUnavailable.getStrVal() != null && PERCENT.matcher(maxUnavailable.getStrVal()).matches()
                && amount(maxUnavailable) > 100) {
            errors.add(FieldError.invalid(path.child("maxUnavailable"), maxUnavailable, "must not be greater than 100%"));
        }
        return errors;
    }

    private static List<FieldError> validateIntOrPercent(@Nullable IntOrString value, FieldPath path) {
        if (value == null) {
            return List.of();
        }
        if (value.getIntVal() != null) {
            return value.getIntVal() < 0
                    ? List.of(FieldError.invalid(path, value.getIntVal(), "must be greater than or equal to 0"))
                    : List.of();
        }
        String text = Nulls.str(value.getStrVal());
        return PERCENT.matcher(text).matches() ? List.of() : List.of(FieldError.invalid(path, value,
                NameValidation.regexError("a valid percent string must be a numeric string followed by an ending '%'",
                        "[0-9]+%", "1%", "93%")));
    }

    /** The number in an int or a percent (the percent's figure); -1 for anything else. */
    private static long amount(IntOrString value) {
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String text = Nulls.str(value.getStrVal());
        if (!PERCENT.matcher(text).matches() || text.length() > 10) {
            return -1;
        }
        return Long.parseLong(text.substring(0, text.length() - 1));
    }

    private static void nonNegative(long value, FieldPath path, List<FieldError> errors) {
        ReplicatedPods.nonNegative(value, path, errors);
    }

    private static DeploymentSpec spec(Deployment deployment) {
        return deployment.getSpec() == null ? new DeploymentSpec() : deployment.getSpec();
    }
}
