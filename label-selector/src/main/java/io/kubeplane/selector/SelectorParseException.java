package io.kubeplane.selector;

/**
 * A label or field selector, or one of its requirements, is malformed.
 *
 * <p>The message follows apimachinery's wording ({@code unable to parse requirement: found '(',
 * expected: identifier}, {@code key: Invalid value: "-a": name part must ...}) so that the
 * api-server can return it unchanged in a {@code BadRequest} {@code Status}, as kube-apiserver does.
 * It extends {@link IllegalArgumentException} because it always means bad input, never a bug.
 */
public class SelectorParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the Kubernetes-style explanation, shown to the user as is
     */
    public SelectorParseException(String message) {
        super(message);
    }
}
