package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * Validates any served object with its kind's {@link ObjectValidator} and Kubernetes' default
 * settings: the entry point the api-server calls after {@link io.kubeplane.model.defaults.Defaulting}
 * and before storing. An empty list means valid; otherwise every problem is listed, in the order
 * Kubernetes would find them.
 *
 * <pre>{@code
 * List<FieldError> errors = Validation.validateCreate(Defaulting.apply(service));
 * // [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive]
 * }</pre>
 *
 * <p>Stateless and thread-safe. For another NodePort range use {@link ObjectValidators#withNodePortRange}.
 */
public final class Validation {

    private Validation() {
    }

    /** Problems with a new object; throws {@link IllegalArgumentException} for a kind that is not served. */
    public static List<FieldError> validateCreate(HasMetadata obj) {
        return ObjectValidators.defaults().validateCreate(obj);
    }

    /** Problems with {@code obj} replacing {@code old}; both must be of the same served kind. */
    public static List<FieldError> validateUpdate(HasMetadata obj, HasMetadata old) {
        return ObjectValidators.defaults().validateUpdate(obj, old);
    }

    /** Problems with {@code obj} replacing {@code old} through the {@code status} subresource. */
    public static List<FieldError> validateStatusUpdate(HasMetadata obj, HasMetadata old) {
        return ObjectValidators.defaults().validateStatusUpdate(obj, old);
    }
}
