package io.kubeplane.patch;

/**
 * A patch cannot be applied: it is malformed (a list element without its merge key, an unknown
 * {@code $patch} directive, a JSON patch operation without a path) or it does not fit the target (a
 * failing JSON patch {@code test}, a path that does not exist).
 *
 * <p>The message names the place in the document and what is wrong, so the api-server can return it
 * in a {@code Status} as kube-apiserver does ({@code 422 Invalid} / {@code 400 BadRequest} are the
 * caller's choice).
 */
public class PatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, and where */
    public PatchException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, and where
     * @param cause the library failure behind it
     */
    public PatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
