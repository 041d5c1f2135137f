package io.kubeplane.apiserver.auth;

import io.kubeplane.apiserver.http.UserInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Every binding the api-server authorizes by: who gets which role.
 *
 * <p>The group {@code system:masters} is always bound to {@code cluster-admin}: kube-apiserver
 * treats it as a privileged group whatever RBAC says, and kubeplane's own admin credentials and
 * components rely on it. With no authorization file that is the only binding ({@link #DEFAULT}).
 *
 * <p>Immutable and thread-safe. Built by {@link AuthorizationFile} (or with {@link #of} in tests),
 * read by {@link RoleAuthorizer}.
 */
public final class RoleBindings {

    /** The group kube-apiserver treats as superuser. */
    public static final String SYSTEM_MASTERS = "system:masters";

    /** The bindings when no authorization file is configured: {@code system:masters} is cluster-admin. */
    public static final RoleBindings DEFAULT = of(List.of());

    private final List<RoleBinding> bindings;

    private RoleBindings(List<RoleBinding> bindings) {
        this.bindings = List.copyOf(bindings);
    }

    /** The given bindings after the built-in {@code system:masters} one, which they need not repeat. */
    public static RoleBindings of(List<RoleBinding> bindings) {
        RoleBinding masters = RoleBinding.groups(Role.CLUSTER_ADMIN, SYSTEM_MASTERS);
        List<RoleBinding> all = new ArrayList<>();
        all.add(masters);
        bindings.stream().filter(b -> !b.equals(masters)).forEach(all::add);
        return new RoleBindings(all);
    }

    /** Every binding, {@code system:masters} first. */
    public List<RoleBinding> bindings() {
        return bindings;
    }

    /** The bindings that name this user, by name or by one of its groups. */
    public List<RoleBinding> boundTo(UserInfo user) {
        return bindings.stream().filter(b -> b.subjectOf(user).isPresent()).toList();
    }

    @Override
    public String toString() {
        return "RoleBindings" + bindings;
    }
}
