package io.kubeplane.patch.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The path of one field in an object, e.g. {@code .spec.ports[port=80,protocol="TCP"].targetPort},
 * as structured-merge-diff's {@code fieldpath.Path} and as kube-apiserver prints it in an apply
 * conflict.
 *
 * <p>Immutable and thread-safe; the empty path is the whole object, which nobody owns.
 *
 * @param elements the steps from the object's root
 */
public record FieldPath(List<PathElement> elements) implements Comparable<FieldPath> {

    public FieldPath {
        elements = List.copyOf(elements);
    }

    /** @return the path of these elements */
    public static FieldPath of(PathElement... elements) {
        return new FieldPath(List.of(elements));
    }

    /** @return the path of nested field names, e.g. {@code fields("spec", "replicas")} */
    public static FieldPath fields(String... names) {
        List<PathElement> elements = new ArrayList<>();
        for (String name : names) {
            elements.add(new PathElement.FieldName(name));
        }
        return new FieldPath(elements);
    }

    /** @return this path followed by {@code element} */
    public FieldPath child(PathElement element) {
        List<PathElement> longer = new ArrayList<>(elements);
        longer.add(element);
        return new FieldPath(longer);
    }

    /** @return whether this is the path of the whole object */
    public boolean isEmpty() {
        return elements.isEmpty();
    }

    /** Element by element, a prefix before the longer path. */
    @Override
    public int compareTo(FieldPath other) {
        for (int i = 0; i < Math.min(elements.size(), other.elements.size()); i++) {
            int c = elements.get(i).compareTo(other.elements.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(elements.size(), other.elements.size());
    }

    /** @return the path as Kubernetes prints it, e.g. {@code .spec.ports[port=80,protocol="TCP"].targetPort} */
    @Override
    public String toString() {
        return elements.stream().map(PathElement::toString).collect(Collectors.joining());
    }
}
