package io.kubeplane.apiserver.auth;

import io.kubeplane.apiserver.http.UserInfo;
import io.kubeplane.model.KubernetesJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authorizes every authenticated request before it reaches a controller, as kube-apiserver's
 * {@code WithAuthorization} handler: the request's attributes are resolved, the {@link Authorizer}
 * decides, and a denied request is answered 403 Forbidden with a Kubernetes {@code Status}
 * ({@link ForbiddenStatus}) without being read any further, so a forbidden write changes nothing.
 *
 * <p>Runs after {@code AuthenticationFilter}. A request without a user is one authentication left
 * open (health, version, Swagger UI's static pages) and goes on unchanged. Denials are logged at
 * debug with the user, verb and resource; the token never reaches this filter. Thread-safe.
 */
public final class AuthorizationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationFilter.class);

    private final RequestAttributesResolver resolver;
    private final Authorizer authorizer;

    public AuthorizationFilter(RequestAttributesResolver resolver, Authorizer authorizer) {
        this.resolver = resolver;
        this.authorizer = authorizer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(request.getAttribute(UserInfo.ATTRIBUTE) instanceof UserInfo user)) {
            chain.doFilter(request, response);
            return;
        }
        // The raw URI and query: the resource controller routes on the same undecoded path.
        RequestAttributes attributes = resolver.resolve(user, request.getMethod(), request.getRequestURI(),
                request.getQueryString());
        Decision decision = authorizer.authorize(attributes);
        if (decision.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        if (log.isDebugEnabled()) {
            log.debug("forbidden: user {} {} {}: {}", user.name(), attributes.verb(), describe(attributes),
                    decision.reason());
        }
        byte[] body = KubernetesJson.write(ForbiddenStatus.of(attributes)).getBytes(StandardCharsets.UTF_8);
        response.setStatus(403);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String describe(RequestAttributes attributes) {
        if (!attributes.resourceRequest()) {
            return "path " + attributes.path();
        }
        String resource = attributes.apiGroup().isEmpty()
                ? attributes.resourceWithSubresource()
                : attributes.resourceWithSubresource() + "." + attributes.apiGroup();
        String where = attributes.namespace() == null ? "" : " in namespace " + attributes.namespace();
        String name = attributes.name() == null ? "" : " " + attributes.name();
        return resource + name + where;
    }
}
