package io.kubeplane.apiserver.auth;

import io.kubeplane.model.validation.FieldError;
import java.util.List;

/**
 * An authorization file that cannot be used: not YAML, or bindings with problems (every problem is
 * listed, with its field path, e.g. {@code bindings[1].role: Unsupported value: "admin": ...}).
 * Thrown by {@link AuthorizationFile} at startup, so the api-server refuses to start rather than
 * authorize by a file it misread.
 */
public final class InvalidAuthorizationFileException extends IllegalArgumentException {

    private final List<FieldError> errors;

    public InvalidAuthorizationFileException(String message, List<FieldError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    /** The problems with their field paths; empty when the file is not YAML at all. */
    public List<FieldError> errors() {
        return errors;
    }
}
