package io.kubeplane.apiserver.http;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes resource path taken apart, as kube-apiserver's RequestInfoFactory does.
 *
 * <p>The shapes, for the core group ({@code /api/v1}) and named groups ({@code /apis/<group>/<version>}):
 * <pre>
 *   &lt;prefix&gt;/&lt;resource&gt;                                        list, or create a cluster-scoped object
 *   &lt;prefix&gt;/&lt;resource&gt;/&lt;name&gt;                                 a cluster-scoped object
 *   &lt;prefix&gt;/&lt;resource&gt;/&lt;name&gt;/&lt;subresource&gt;                   its subresource
 *   &lt;prefix&gt;/namespaces/&lt;ns&gt;/&lt;resource&gt;                         list or create in a namespace
 *   &lt;prefix&gt;/namespaces/&lt;ns&gt;/&lt;resource&gt;/&lt;name&gt;                  a namespaced object
 *   &lt;prefix&gt;/namespaces/&lt;ns&gt;/&lt;resource&gt;/&lt;name&gt;/&lt;subresource&gt;    its subresource
 * </pre>
 * {@code namespaces/<ns>/status} and {@code namespaces/<ns>/finalize} are subresources of the
 * Namespace itself, not lists of a resource named "status". Immutable.
 *
 * @param group       API group, empty for the core group
 * @param version     API version
 * @param namespace   namespace of a namespaced path, else null
 * @param resource    resource (plural) name
 * @param name        object name, or null for collection paths
 * @param subresource subresource, e.g. {@code status}, or null
 */
public record ApiPath(String group, String version, @Nullable String namespace, String resource, @Nullable String name,
                      @Nullable String subresource) {

    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    /** Parses a request path; empty when it is not a resource path (e.g. {@code /api} or a group root). */
    public static Optional<ApiPath> parse(String path) {
        String[] parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        int rest;
        String group;
        String version;
        if (parts.length >= 3 && parts[0].equals("api")) {
            group = "";
            version = parts[1];
            rest = 2;
        } else if (parts.length >= 4 && parts[0].equals("apis")) {
            group = parts[1];
            version = parts[2];
            rest = 3;
        } else {
            return Optional.empty();
        }
        String[] tail = Arrays.copyOfRange(parts, rest, parts.length);
        if (tail.length >= 3 && tail[0].equals("namespaces") && !NAMESPACE_SUBRESOURCES.contains(tail[2])) {
            String namespace = tail[1];
            return switch (tail.length) {
                case 3 -> Optional.of(new ApiPath(group, version, namespace, tail[2], null, null));
                case 4 -> Optional.of(new ApiPath(group, version, namespace, tail[2], tail[3], null));
                case 5 -> Optional.of(new ApiPath(group, version, namespace, tail[2], tail[3], tail[4]));
                default -> Optional.empty();
            };
        }
        return switch (tail.length) {
            case 1 -> Optional.of(new ApiPath(group, version, null, tail[0], null, null));
            case 2 -> Optional.of(new ApiPath(group, version, null, tail[0], tail[1], null));
            case 3 -> Optional.of(new ApiPath(group, version, null, tail[0], tail[1], tail[2]));
            default -> Optional.empty();
        };
    }

    public boolean isCollection() {
        return name == null;
    }
}
