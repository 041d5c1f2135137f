package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * Validates objects of one kind, with separate entry points for create, update and status update
 * as kube-apiserver's strategies have. Every problem is returned, never only the first; an empty
 * list means the object is valid.
 *
 * <p>Objects are expected to have been defaulted ({@link io.kubeplane.model.defaults.Defaulting}),
 * as Kubernetes validates after defaulting; fields that defaulting fills are nonetheless accepted
 * when unset, so validating before defaulting gives no spurious "Required value" errors.
 * Validators never change the objects they are given.
 *
 * <p>Implementations are immutable and thread-safe. Called by {@link Validation} (and through it by
 * the api-server) before an object is stored.
 *
 * @param <T> the fabric8 type of the kind
 */
public interface ObjectValidator<T extends HasMetadata> {

    /** Problems with a new object. */
    List<FieldError> validateCreate(T obj);

    /** Problems with {@code obj} replacing {@code old} through the main resource. */
    List<FieldError> validateUpdate(T obj, T old);

    /**
     * Problems with {@code obj} replacing {@code old} through the {@code status} subresource. By
     * default only the metadata update rules apply.
     */
    default List<FieldError> validateStatusUpdate(T obj, T old) {
        return MetadataValidation.validateUpdate(obj.getMetadata(), old.getMetadata(), FieldPath.of("metadata"));
    }
}
