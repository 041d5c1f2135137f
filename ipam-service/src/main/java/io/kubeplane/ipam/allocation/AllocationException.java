package io.kubeplane.ipam.allocation;

/** Why a value could not be handed out; the caller words it for the field that asked. */
public abstract sealed class AllocationException extends RuntimeException {

    private final String value;

    AllocationException(String value, String message) {
        super(message);
        this.value = value;
    }

    /** The value asked for, or empty for a dynamic request. */
    public String value() {
        return value;
    }

    /** The requested value lies outside every pool that could serve it. */
    public static final class NotInRange extends AllocationException {
        public NotInRange(String value, String message) {
            super(value, message);
        }
    }

    /** The requested value is held by another owner. */
    public static final class AlreadyAllocated extends AllocationException {
        public AlreadyAllocated(String value, String message) {
            super(value, message);
        }
    }

    /** No value is free. */
    public static final class Exhausted extends AllocationException {
        public Exhausted(String message) {
            super("", message);
        }
    }
}
