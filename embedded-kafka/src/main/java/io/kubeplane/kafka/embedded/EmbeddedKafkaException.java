package io.kubeplane.kafka.embedded;

/**
 * The embedded broker could not start or stop: its directory is unusable, a port is taken, or the
 * broker failed during startup. The message names the directory and ports.
 */
public class EmbeddedKafkaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
