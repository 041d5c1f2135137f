package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.Namespace;
import io.kubeplane.model.ApiResources;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates Namespaces (Kubernetes' {@code ValidateNamespace}): the name is a DNS-1123 label, the
 * spec's finalizers are valid finalizer names, and {@code status.phase} is Active or Terminating.
 *
 * <p>Immutable and thread-safe. Called through {@link Validation} by the api-server.
 */
public final class NamespaceValidator implements ObjectValidator<Namespace> {

    static final List<String> PHASES = List.of("Active", "Terminating");

    @Override
    public List<FieldError> validateCreate(Namespace namespace) {
        List<FieldError> errors = new ArrayList<>(MetadataValidation.validateCreate(namespace.getMetadata(),
                ApiResources.NAMESPACES.namespaced(), NameRule.DNS1123_LABEL, FieldPath.of("metadata")));
        errors.addAll(validateSpecFinalizers(namespace));
        return errors;
    }

    @Override
    public List<FieldError> validateUpdate(Namespace namespace, Namespace old) {
        List<FieldError> errors = new ArrayList<>(
                MetadataValidation.validateUpdate(namespace.getMetadata(), old.getMetadata(), FieldPath.of("metadata")));
        errors.addAll(validateSpecFinalizers(namespace));
        return errors;
    }

    @Override
    public List<FieldError> validateStatusUpdate(Namespace namespace, Namespace old) {
        List<FieldError> errors = new ArrayList<>(ObjectValidator.super.validateStatusUpdate(namespace, old));
        String phase = namespace.getStatus() == null ? "" : Nulls.str(namespace.getStatus().getPhase());
        if (!phase.isEmpty() && !PHASES.contains(phase)) {
            errors.add(FieldError.notSupported(FieldPath.of("status", "phase"), phase, PHASES));
        }
        return errors;
    }

    private static List<FieldError> validateSpecFinalizers(Namespace namespace) {
        List<String> finalizers = namespace.getSpec() == null ? List.of() : Nulls.list(namespace.getSpec().getFinalizers());
        return MetadataValidation.validateFinalizers(finalizers, FieldPath.of("spec", "finalizers"));
    }
}
