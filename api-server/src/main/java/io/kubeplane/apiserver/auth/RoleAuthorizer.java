package io.kubeplane.apiserver.auth;

import java.util.List;
import java.util.Set;

/**
 * Decides requests from {@link RoleBindings}, granting what Kubernetes' {@code cluster-admin},
 * {@code view} and {@code edit} roles grant (see {@link Role}), and the discovery and health paths
 * ({@link PublicPaths}) to everyone. A request is allowed when any binding of the user, by name or
 * by group, allows it; there are no deny rules, as in RBAC.
 *
 * <p>Pure, immutable and thread-safe. Built by {@link AuthorizationConfiguration}, called by
 * {@link AuthorizationFilter}.
 */
public final class RoleAuthorizer implements Authorizer {

    /** The verbs Kubernetes' {@code edit} role grants on namespaced resources. */
    private static final Set<String> WRITE_AND_READ = Set.of(
            "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");

    private final RoleBindings bindings;

    public RoleAuthorizer(RoleBindings bindings) {
        this.bindings = bindings;
    }

    @Override
    public Decision authorize(RequestAttributes request) {
        if (!request.resourceRequest() && request.verb().equals("get") && PublicPaths.isPublic(request.path())) {
            return Decision.allow("every authenticated user may get " + request.path() + " (system:discovery)");
        }
        List<RoleBinding> bound = bindings.boundTo(request.user());
        for (RoleBinding binding : bound) {
            if (grants(binding, request)) {
                return Decision.allow(binding.subjectOf(request.user()).orElseThrow() + " is bound to " + describe(binding));
            }
        }
        if (bound.isEmpty()) {
            return Decision.deny("no binding names user \"" + request.user().name() + "\" or its groups "
                                 + request.user().groups());
        }
        return Decision.deny("user \"" + request.user().name() + "\" is bound to "
                             + bound.stream().map(RoleAuthorizer::describe).toList() + ", which do not allow it");
    }

    private static boolean grants(RoleBinding binding, RequestAttributes request) {
        return switch (binding.role()) {
            case CLUSTER_ADMIN -> true;
            case VIEW -> request.isReadOnly() && (request.resourceRequest() || isComponentView(request));
            case EDIT -> isComponentView(request) && request.isReadOnly() || request.resourceRequest() && (isNamespaces(request)
                    // The Namespace objects themselves: readable, never written, as kube's edit role has it.
                    ? request.isReadOnly()
                    : WRITE_AND_READ.contains(request.verb()) && request.namespace() != null
                      && binding.namespaces().contains(request.namespace()));
        };
    }

    /** The components' own views the visualizer reads ({@code /kubeplane/v1/...}): read-only, cluster-wide. */
    private static boolean isComponentView(RequestAttributes request) {
        String path = request.path();
        // As for public paths: no segment the container might route elsewhere than it reads.
        return !request.resourceRequest() && path.startsWith("/kubeplane/v1/") && path.indexOf(';') < 0
               && path.indexOf('%') < 0 && !path.contains("/./") && !path.contains("/../")
               && !path.endsWith("/.") && !path.endsWith("/..");
    }

    private static boolean isNamespaces(RequestAttributes request) {
        return request.apiGroup().isEmpty() && request.resource().equals("namespaces");
    }

    private static String describe(RoleBinding binding) {
        return binding.role().namespaced()
                ? binding.role().roleName() + " in namespaces " + binding.namespaces()
                : binding.role().roleName();
    }
}
