package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What Deployments and ReplicaSets share: a non-empty selector that matches the pod template's
 * labels, and a template valid as a pod that restarts {@code Always} and has no deadline (its pods
 * are kept running). Kubernetes' messages, which say "deployment" for both kinds. Pure.
 */
final class ReplicatedPods {

    private ReplicatedPods() {
    }

    static List<FieldError> validate(@Nullable LabelSelector selector, @Nullable PodTemplateSpec template, FieldPath spec) {
        List<FieldError> errors = new ArrayList<>();
        if (selector == null) {
            errors.add(FieldError.required(spec.child("selector"), ""));
        } else {
            errors.addAll(LabelValidation.validateLabelSelector(selector, spec.child("selector")));
            if (LabelValidation.isEmpty(selector)) {
                errors.add(FieldError.invalid(spec.child("selector"), selector, "empty selector is invalid for deployment"));
            }
        }
        errors.addAll(validateTemplate(template, selector, spec.child("template")));
        return errors;
    }

    private static List<FieldError> validateTemplate(@Nullable PodTemplateSpec template, @Nullable LabelSelector selector,
                                                     FieldPath path) {
        if (template == null) {
            return List.of(FieldError.required(path, ""));
        }
        List<FieldError> errors = new ArrayList<>();
        var labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
        if (selector != null && !LabelValidation.isEmpty(selector) && !LabelValidation.matches(selector, labels)) {
            errors.add(FieldError.invalid(path.child("metadata", "labels"), Nulls.map(labels),
                    "`selector` does not match template `labels`"));
        }
        errors.addAll(PodSpecValidation.validatePodTemplate(template, path));
        PodSpec podSpec = template.getSpec() == null ? new PodSpec() : template.getSpec();
        String restartPolicy = Nulls.str(podSpec.getRestartPolicy());
        if (!restartPolicy.isEmpty() && !restartPolicy.equals("Always")) {
            errors.add(FieldError.notSupported(path.child("spec", "restartPolicy"), restartPolicy, List.of("Always")));
        }
        if (podSpec.getActiveDeadlineSeconds() != null) {
            errors.add(FieldError.forbidden(path.child("spec", "activeDeadlineSeconds"),
                    "activeDeadlineSeconds in ReplicaSet is not Supported"));
        }
        return errors;
    }

    static void nonNegative(long value, FieldPath path, List<FieldError> errors) {
        if (value < 0) {
            errors.add(FieldError.invalid(path, value, "must be greater than or equal to 0"));
        }
    }
}
