package io.kubeplane.apiserver.protobuf;

/**
 * A protobuf body that cannot be read: no {@code k8s\0} magic, a broken envelope or message, no
 * kind, or a value Kubernetes itself could not turn into JSON (an IntOrString of an unknown
 * type, a RawExtension that holds no JSON). The HTTP layer answers 400 Bad Request.
 */
public final class MalformedBodyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    MalformedBodyException(String message) {
        super(message);
    }

    MalformedBodyException(String message, Throwable cause) {
        super(message, cause);
    }
}
