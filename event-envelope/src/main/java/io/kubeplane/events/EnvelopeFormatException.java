package io.kubeplane.events;

/**
 * A Kafka record value that is not a watch-event envelope: malformed JSON, a missing field or an
 * unknown event type. Consumers log and skip such records; they cannot be repaired.
 */
public class EnvelopeFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EnvelopeFormatException(String message) {
        super(message);
    }

    public EnvelopeFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
