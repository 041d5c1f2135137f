package io.kubeplane.apiserver.storage;

/**
 * A write the store refused, with the reason named by the subtype. The HTTP layer turns each into
 * the matching Kubernetes {@code Status}.
 */
public sealed class StoreException extends RuntimeException
        permits StoreException.AlreadyExists, StoreException.NotFound, StoreException.Conflict,
        StoreException.NamespaceNotActive {

    private final ObjectKey key;

    StoreException(ObjectKey key, String message) {
        super(message);
        this.key = key;
    }

    public ObjectKey key() {
        return key;
    }

    /** An object with this key exists already. */
    public static final class AlreadyExists extends StoreException {
        public AlreadyExists(ObjectKey key) {
            super(key, key.describe() + " already exists");
        }
    }

    /** No object with this key exists. */
    public static final class NotFound extends StoreException {
        public NotFound(ObjectKey key) {
            super(key, key.describe() + " not found");
        }
    }

    /** A precondition (resourceVersion or uid) did not hold. */
    public static final class Conflict extends StoreException {
        public Conflict(ObjectKey key, String why) {
            super(key, "Operation cannot be fulfilled on " + key.describe() + ": " + why);
        }
    }

    /** The object's namespace does not exist, or is being deleted. */
    public static final class NamespaceNotActive extends StoreException {
        private final boolean terminating;

        public NamespaceNotActive(ObjectKey key, boolean terminating) {
            super(key, terminating
                    ? "unable to create new content in namespace " + key.namespace() + " because it is being terminated"
                    : "namespaces \"" + key.namespace() + "\" not found");
            this.terminating = terminating;
        }

        public boolean terminating() {
            return terminating;
        }
    }
}
