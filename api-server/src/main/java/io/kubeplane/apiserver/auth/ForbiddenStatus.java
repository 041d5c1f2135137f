package io.kubeplane.apiserver.auth;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;

/**
 * The 403 {@code Status} for a denied request, worded as kube-apiserver's
 * {@code responsewriters.ForbiddenStatusError} words it for RBAC:
 * <pre>
 *   services "web" is forbidden: User "alice" cannot update resource "services/status" in API group "" in the namespace "default"
 *   services is forbidden: User "bob" cannot list resource "services" in API group "" at the cluster scope
 *   deployments.apps is forbidden: User "bob" cannot create resource "deployments" in API group "apps" in the namespace "team-a"
 *   forbidden: User "bob" cannot post path "/version"
 * </pre>
 * The subject before "is forbidden" is the group-qualified resource without the subresource, with
 * the object name when the request has one (a create has none: the name is in the body, which
 * authorization does not read). Details carry that name, the group and the resource as kind.
 *
 * <p>Pure and thread-safe; used by {@link AuthorizationFilter}.
 */
public final class ForbiddenStatus {

    private ForbiddenStatus() {
    }

    public static Status of(RequestAttributes request) {
        StatusBuilder status = new StatusBuilder().withApiVersion("v1").withKind("Status").withStatus("Failure")
                .withMessage(message(request)).withReason("Forbidden").withCode(403).withNewMetadata().endMetadata();
        if (request.resourceRequest()) {
            status.withDetails(new StatusDetailsBuilder().withName(request.name()).withGroup(request.apiGroup())
                    .withKind(request.resource()).build());
        }
        return status.build();
    }

    public static String message(RequestAttributes request) {
        String user = "User " + quote(request.user().name());
        if (!request.resourceRequest()) {
            return "forbidden: " + user + " cannot " + request.verb() + " path " + quote(request.path());
        }
        String groupResource = request.apiGroup().isEmpty()
                ? request.resource()
                : request.resource() + "." + request.apiGroup();
        String subject = request.name() == null ? groupResource : groupResource + " " + quote(request.name());
        String scope = request.namespace() == null
                ? "at the cluster scope"
                : "in the namespace " + quote(request.namespace());
        return subject + " is forbidden: " + user + " cannot " + request.verb() + " resource "
               + quote(request.resourceWithSubresource()) + " in API group " + quote(request.apiGroup()) + " " + scope;
    }

    /** Go's {@code %q} for the strings that occur here: double quotes, backslash escapes. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
