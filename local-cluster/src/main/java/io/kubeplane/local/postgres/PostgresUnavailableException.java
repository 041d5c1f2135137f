package io.kubeplane.local.postgres;

/**
 * No PostgreSQL could be found, started or embedded. The message is one line for the user: what
 * was tried and what they can do.
 */
public class PostgresUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PostgresUnavailableException(String message) {
        super(message);
    }

    public PostgresUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
