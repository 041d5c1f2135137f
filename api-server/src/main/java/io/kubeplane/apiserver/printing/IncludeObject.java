package io.kubeplane.apiserver.printing;

import org.jspecify.annotations.Nullable;

/**
 * What each Table row carries besides its cells, from the {@code includeObject} query parameter
 * ({@code metav1.IncludeObjectPolicy}). kubectl leaves it out and gets {@link #METADATA}.
 */
public enum IncludeObject {

    /** {@code None}: no object, {@code "object": null}. */
    NONE("None"),
    /** {@code Metadata}, the default: a {@code PartialObjectMetadata} holding the object's metadata. */
    METADATA("Metadata"),
    /** {@code Object}: the whole object. */
    OBJECT("Object");

    private final String value;

    IncludeObject(String value) {
        this.value = value;
    }

    /** @return the parameter value, e.g. {@code Metadata} */
    public String value() {
        return value;
    }

    /**
     * @param value the {@code includeObject} query parameter, case-sensitive; null or empty when absent
     * @return the policy; {@link #METADATA} when absent
     * @throws InvalidTableOptionsException with kube-apiserver's message for any other value
     */
    public static IncludeObject parse(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return METADATA;
        }
        for (IncludeObject policy : values()) {
            if (policy.value.equals(value)) {
                return policy;
            }
        }
        throw new InvalidTableOptionsException("Unable to convert to Table as requested: includeObject: Invalid value: "
                + quote(value) + ": must be 'Metadata', 'Object', 'None', or empty");
    }

    /** A Go-quoted string, as {@code %#v} prints the rejected value. */
    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
