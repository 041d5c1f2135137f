package io.kubeplane.apiserver.http;

import io.kubeplane.model.KubernetesJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bearer-token authentication for every request, on both the TLS and the loopback port: a request
 * without a valid {@code Authorization: Bearer <token>} gets 401 Unauthorized, except the health
 * and version endpoints, the Swagger UI's and the visualizer's static pages (which hold no data: they
 * call the API with the user's token), as kube-apiserver leaves
 * {@code /healthz}, {@code /livez}, {@code /readyz} and {@code /version} open. The token is never
 * logged or echoed. Thread-safe.
 */
public final class AuthenticationFilter extends OncePerRequestFilter {

    private static final List<String> OPEN_EXACT = List.of("/healthz", "/livez", "/readyz", "/version",
            "/swagger-ui.html", "/actuator/health", "/ui");
    private static final List<String> OPEN_PREFIXES = List.of("/healthz/", "/livez/", "/readyz/", "/swagger-ui/",
            "/v3/api-docs", "/actuator/health/", "/ui/");

    private final Supplier<TokenFile> tokens;

    public AuthenticationFilter(Supplier<TokenFile> tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (isOpen(path)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<UserInfo> user = bearerToken(request).flatMap(tokens.get()::authenticate);
        if (user.isEmpty()) {
            byte[] body = KubernetesJson.write(ApiException.unauthorized().status()).getBytes(StandardCharsets.UTF_8);
            response.setStatus(401);
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        request.setAttribute(UserInfo.ATTRIBUTE, user.get());
        chain.doFilter(request, response);
    }

    static boolean isOpen(String path) {
        return OPEN_EXACT.contains(path) || OPEN_PREFIXES.stream().anyMatch(path::startsWith);
    }

    private static Optional<String> bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
