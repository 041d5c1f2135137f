package io.kubeplane.apiserver.auth;

import io.kubeplane.apiserver.http.UserInfo;
import java.util.List;
import java.util.Optional;

/**
 * One binding: the users and groups that get a role, and for {@code edit} the namespaces it
 * applies in. One entry of the authorization file's {@code bindings} list; Kubernetes would write
 * it as a ClusterRoleBinding ({@code cluster-admin}, {@code view}) or as one RoleBinding per
 * namespace ({@code edit}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param role       the role granted
 * @param users      user names, as the token file names them
 * @param groups     group names, e.g. {@code system:masters}
 * @param namespaces the namespaces an {@code edit} binding applies in; empty for the other roles
 */
public record RoleBinding(Role role, List<String> users, List<String> groups, List<String> namespaces) {

    public RoleBinding {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
        namespaces = List.copyOf(namespaces);
        if (users.isEmpty() && groups.isEmpty()) {
            throw new IllegalArgumentException("a " + role.roleName() + " binding names no user and no group");
        }
        if (role.namespaced() && namespaces.isEmpty()) {
            throw new IllegalArgumentException("an " + role.roleName() + " binding needs namespaces");
        }
        if (!role.namespaced() && !namespaces.isEmpty()) {
            throw new IllegalArgumentException("a " + role.roleName() + " binding applies cluster-wide and takes no namespaces");
        }
    }

    /** A binding of {@code role} to groups, cluster-wide. */
    public static RoleBinding groups(Role role, String... groups) {
        return new RoleBinding(role, List.of(), List.of(groups), List.of());
    }

    /** A binding of {@code role} to users, cluster-wide. */
    public static RoleBinding users(Role role, String... users) {
        return new RoleBinding(role, List.of(users), List.of(), List.of());
    }

    /** How this binding names the user, e.g. {@code user "alice"} or {@code group "system:masters"}; empty when it does not. */
    public Optional<String> subjectOf(UserInfo user) {
        if (users.contains(user.name())) {
            return Optional.of("user \"" + user.name() + "\"");
        }
        return user.groups().stream().filter(groups::contains).findFirst().map(g -> "group \"" + g + "\"");
    }
}
