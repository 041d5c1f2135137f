package io.kubeplane.apiserver.auth;

import io.kubeplane.apiserver.http.UserInfo;
import org.jspecify.annotations.Nullable;

/**
 * What a request asks to do, as kube-apiserver's {@code authorizer.Attributes}: who asks, the verb,
 * and either the resource it acts on or, for a non-resource request, its path.
 *
 * <p>Resource requests use the Kubernetes verbs {@code get}, {@code list}, {@code watch},
 * {@code create}, {@code update}, {@code patch}, {@code delete} and {@code deletecollection};
 * non-resource requests use the lower-cased HTTP method ({@code get}, {@code post}, ...), as
 * Kubernetes does. A request on a Namespace object itself ({@code /api/v1/namespaces/team-a}) has
 * that namespace as its namespace, as in Kubernetes, so a user's permissions in a namespace reach
 * the Namespace object of the same name.
 *
 * <p>Immutable and thread-safe. Built by {@link RequestAttributesResolver}, read by an
 * {@link Authorizer} and by {@link ForbiddenStatus}.
 *
 * @param user            the authenticated user
 * @param verb            the verb, see above
 * @param resourceRequest whether the request names a resource; when false only {@code path} counts
 * @param apiGroup        API group of the resource, {@code ""} for the core group and for non-resource requests
 * @param resource        resource (plural) name, {@code ""} for non-resource requests
 * @param subresource     subresource, e.g. {@code status}, or null
 * @param namespace       namespace the request acts in, or null at the cluster scope
 * @param name            object name, or null for collections (and for create, whose name is in the body)
 * @param path            the request path
 */
public record RequestAttributes(UserInfo user, String verb, boolean resourceRequest, String apiGroup, String resource,
                                @Nullable String subresource, @Nullable String namespace, @Nullable String name,
                                String path) {

    /** A request on a resource. */
    public static RequestAttributes resource(UserInfo user, String verb, String apiGroup, String resource,
                                             @Nullable String subresource, @Nullable String namespace,
                                             @Nullable String name, String path) {
        return new RequestAttributes(user, verb, true, apiGroup, resource, subresource, namespace, name, path);
    }

    /** A request on a path that names no resource, e.g. {@code /version} or {@code /apis}. */
    public static RequestAttributes nonResource(UserInfo user, String verb, String path) {
        return new RequestAttributes(user, verb, false, "", "", null, null, null, path);
    }

    /** {@code services} or, with a subresource, {@code services/status}, as RBAC rules and messages name it. */
    public String resourceWithSubresource() {
        return subresource == null ? resource : resource + "/" + subresource;
    }

    /** Whether the verb only reads: {@code get}, {@code list} or {@code watch}. */
    public boolean isReadOnly() {
        return verb.equals("get") || verb.equals("list") || verb.equals("watch");
    }
}
