package io.kubeplane.apiserver.printing;

/**
 * The Table options of a request are invalid, e.g. {@code ?includeObject=All}. kube-apiserver answers
 * 400 Bad Request with this message; the HTTP layer does the same.
 */
public final class InvalidTableOptionsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidTableOptionsException(String message) {
        super(message);
    }
}
