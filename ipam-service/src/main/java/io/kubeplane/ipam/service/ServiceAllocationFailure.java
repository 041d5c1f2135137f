package io.kubeplane.ipam.service;

import io.kubeplane.model.validation.FieldError;
import java.util.List;

/** A Service's addresses could not be allocated: one error per field at fault. Nothing was taken. */
public final class ServiceAllocationFailure extends RuntimeException {

    private final List<FieldError> errors;

    public ServiceAllocationFailure(List<FieldError> errors) {
        super(FieldError.summary(errors));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
