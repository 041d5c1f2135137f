package io.kubeplane.patch;

/**
 * A {@code patchStrategy} struct tag value of the Kubernetes API types
 * ({@code patchStrategy:"merge"}, {@code "replace"}, {@code "retainKeys"}, {@code "merge,retainKeys"}).
 */
public enum PatchStrategy {

    /** A list is merged: by its merge key for objects, as a set for primitives. */
    MERGE("merge"),
    /** An object or list is replaced whole, never merged. */
    REPLACE("replace"),
    /**
     * An object (or each object of a list) holds one member of a union: clients send
     * {@code $retainKeys} listing the keys to keep, and the others are cleared.
     */
    RETAIN_KEYS("retainKeys");

    private final String tag;

    PatchStrategy(String tag) {
        this.tag = tag;
    }

    /** @return the value as written in the struct tag */
    public String tag() {
        return tag;
    }
}
