package io.kubeplane.model.validation;

/**
 * The path of a field inside an object, written as Kubernetes' {@code field.Path} writes it:
 * {@code spec.ports[0].targetPort} for children and list indexes, {@code metadata.labels[app]}
 * for map keys.
 *
 * <p>Immutable and thread-safe; each step returns a new path. Validators build paths as they walk
 * an object and hand them to {@link FieldError}.
 */
public final class FieldPath {

    private final String path;

    private FieldPath(String path) {
        this.path = path;
    }

    /** A path from the root of the object: {@code of("spec", "ports")} is {@code spec.ports}. */
    public static FieldPath of(String name, String... more) {
        return new FieldPath(name).child(more);
    }

    /** This path followed by one or more field names. */
    public FieldPath child(String name, String... more) {
        return new FieldPath(path + "." + name).child(more);
    }

    /** The element at {@code index} of the list this path names: {@code spec.ports[0]}. */
    public FieldPath index(int index) {
        return new FieldPath(path + "[" + index + "]");
    }

    /** The entry under {@code key} of the map this path names: {@code metadata.labels[app]}. */
    public FieldPath key(String key) {
        return new FieldPath(path + "[" + key + "]");
    }

    private FieldPath child(String[] names) {
        FieldPath result = this;
        for (String name : names) {
            result = new FieldPath(result.path + "." + name);
        }
        return result;
    }

    @Override
    public String toString() {
        return path;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldPath that && path.equals(that.path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }
}
