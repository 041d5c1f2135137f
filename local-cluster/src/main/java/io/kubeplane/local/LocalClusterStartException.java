package io.kubeplane.local;

/**
 * The local cluster could not start; whatever had started has been stopped. The message is meant
 * for the user: which part failed and, where known, what to do.
 */
public class LocalClusterStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LocalClusterStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
