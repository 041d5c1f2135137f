package io.kubeplane.apiserver.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The roles a binding can grant, named and scoped as Kubernetes' default user-facing ClusterRoles.
 *
 * <pre>
 *   cluster-admin  every verb on every resource and every path
 *   view           get, list and watch on every resource, cluster-wide; no writes;
 *                  get on the components' views ({@code /kubeplane/v1/**})
 *   edit           every verb on namespaced resources in the binding's namespaces,
 *                  get on the components' views,
 *                  and get, list and watch on Namespaces; nothing else cluster-scoped
 * </pre>
 * Every user, whatever its bindings, may also read the discovery and health paths
 * ({@link PublicPaths}), as Kubernetes' {@code system:discovery} and
 * {@code system:public-info-viewer} roles allow. Immutable.
 */
public enum Role {
    CLUSTER_ADMIN("cluster-admin"),
    VIEW("view"),
    EDIT("edit");

    private final String roleName;

    Role(String roleName) {
        this.roleName = roleName;
    }

    /** The name written in the authorization file and in messages, e.g. {@code cluster-admin}. */
    public String roleName() {
        return roleName;
    }

    /** Whether a binding of this role names the namespaces it applies in (only {@code edit}). */
    public boolean namespaced() {
        return this == EDIT;
    }

    public static Optional<Role> byName(String name) {
        return Arrays.stream(values()).filter(r -> r.roleName.equals(name)).findFirst();
    }

    /** Every role name, in declaration order, for messages. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Role::roleName).toList();
    }
}
