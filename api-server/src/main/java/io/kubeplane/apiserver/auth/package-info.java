/**
 * Authorization of API requests, as kube-apiserver's RBAC authorizer decides them for the
 * {@code cluster-admin}, {@code view} and {@code edit} roles.
 *
 * <p>The core is pure (no Spring, no I/O): {@link io.kubeplane.apiserver.auth.RequestAttributesResolver}
 * turns a request into {@link io.kubeplane.apiserver.auth.RequestAttributes},
 * {@link io.kubeplane.apiserver.auth.RoleAuthorizer} decides them from
 * {@link io.kubeplane.apiserver.auth.RoleBindings}, and {@link io.kubeplane.apiserver.auth.ForbiddenStatus}
 * words a denial. The adapters are {@link io.kubeplane.apiserver.auth.AuthorizationFile} (reads the
 * bindings), {@link io.kubeplane.apiserver.auth.AuthorizationFilter} (the servlet filter) and
 * {@link io.kubeplane.apiserver.auth.AuthorizationConfiguration} (the wiring).
 */
@NullMarked
package io.kubeplane.apiserver.auth;

import org.jspecify.annotations.NullMarked;
