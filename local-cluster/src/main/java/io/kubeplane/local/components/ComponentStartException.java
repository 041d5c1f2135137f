package io.kubeplane.local.components;

/**
 * A component failed to start or did not start in time. The message names the component and the
 * root cause, in one line for the user.
 */
public class ComponentStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String component;

    public ComponentStartException(String component, String message, Throwable cause) {
        super(message, cause);
        this.component = component;
    }

    public String component() {
        return component;
    }
}
