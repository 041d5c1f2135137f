package io.kubeplane.apiserver.auth;

import java.util.Arrays;
import java.util.List;

/**
 * The non-resource paths every authenticated user may read, as Kubernetes' {@code system:discovery}
 * and {@code system:public-info-viewer} ClusterRoles grant them to {@code system:authenticated},
 * plus kubeplane's own pages:
 * <pre>
 *   /api  /api/&lt;version&gt;  /apis  /apis/&lt;group&gt;  /apis/&lt;group&gt;/&lt;version&gt;   discovery
 *   /version  /openapi/**                                             discovery
 *   /healthz/**  /livez/**  /readyz/**                                public info
 *   /swagger-ui.html  /swagger-ui/**  /v3/api-docs/**                 Swagger UI
 *   /ui/**  /actuator/**                                              the live page, Spring Boot's actuator
 * </pre>
 * A path with a {@code .} or {@code ..} segment, a {@code ;} or a {@code %} escape is never public:
 * the container may route it elsewhere than it reads. Pure and thread-safe.
 */
public final class PublicPaths {

    private static final List<String> EXACT = List.of("/version", "/version/", "/openapi", "/swagger-ui.html",
            "/v3/api-docs", "/ui", "/actuator", "/healthz", "/livez", "/readyz");
    private static final List<String> PREFIXES = List.of("/openapi/", "/swagger-ui/", "/v3/api-docs/", "/ui/",
            "/actuator/", "/healthz/", "/livez/", "/readyz/");

    private PublicPaths() {
    }

    public static boolean isPublic(String path) {
        if (path.indexOf(';') >= 0 || path.indexOf('%') >= 0) {
            return false;
        }
        String[] segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        if (Arrays.stream(segments).anyMatch(s -> s.equals(".") || s.equals(".."))) {
            return false;
        }
        if (segments.length >= 1 && segments[0].equals("api")) {
            return segments.length <= 2;
        }
        if (segments.length >= 1 && segments[0].equals("apis")) {
            return segments.length <= 3;
        }
        return EXACT.contains(path) || PREFIXES.stream().anyMatch(path::startsWith);
    }
}
