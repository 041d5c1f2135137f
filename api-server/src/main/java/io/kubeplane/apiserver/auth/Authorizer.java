package io.kubeplane.apiserver.auth;

/**
 * Decides whether a user may do what a request asks, as kube-apiserver's {@code authorizer.Authorizer}.
 *
 * <p>Implementations are pure and thread-safe: {@link AuthorizationFilter} calls them concurrently,
 * once per request, before the request reaches a controller.
 */
public interface Authorizer {

    Decision authorize(RequestAttributes attributes);
}
