package io.kubeplane.apiserver.auth;

import io.kubeplane.apiserver.http.ApiPath;
import io.kubeplane.apiserver.http.UserInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Works out what a request asks to do from its method, path and query, as kube-apiserver's
 * {@code RequestInfoFactory} does.
 *
 * <p>The shapes:
 * <pre>
 *   GET|HEAD  collection                    list   (watch with watch=true or watch=1)
 *   GET|HEAD  object or subresource         get
 *   POST      collection                    create (no name: it is in the body, read later)
 *   PUT       object or subresource         update
 *   PATCH     object or subresource         patch
 *   DELETE    object                        delete
 *   DELETE    collection                    deletecollection
 *   other methods on a resource path        the lower-cased method, which no role grants but cluster-admin's
 *   any path ApiPath does not take apart    non-resource, the lower-cased method (/api, /apis/apps/v1, /version)
 * </pre>
 * The path is parsed by {@link ApiPath}, the same parser the resource controller routes with, so
 * the resource authorized is the resource served. A list or watch narrowed by
 * {@code fieldSelector=metadata.name=<name>} carries that name, as {@code kubectl get svc web -w}
 * does in Kubernetes. The {@code watch} flag is read as the resource controller reads it.
 *
 * <p>Pure, stateless and thread-safe; {@link AuthorizationFilter} calls it once per request.
 */
public final class RequestAttributesResolver {

    private static final Set<String> WATCH_TRUE = Set.of("true", "1");

    /**
     * @param user   the authenticated user
     * @param method the HTTP method
     * @param path   the request path, undecoded, as the resource controller sees it
     * @param query  the raw query string, or null
     */
    public RequestAttributes resolve(UserInfo user, String method, String path, @Nullable String query) {
        String lowerMethod = method.toLowerCase(Locale.ROOT);
        Optional<ApiPath> parsed = ApiPath.parse(path);
        if (parsed.isEmpty()) {
            return RequestAttributes.nonResource(user, lowerMethod, path);
        }
        ApiPath api = parsed.get();
        String name = api.name();
        String namespace = api.namespace();
        if (namespace == null && name != null && api.resource().equals("namespaces")) {
            // A Namespace object lives "in" itself, so permissions in team-a reach namespaces/team-a.
            namespace = name;
        }
        String verb = switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD" -> "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> lowerMethod;
        };
        if (name == null && verb.equals("get")) {
            verb = WATCH_TRUE.contains(String.valueOf(parameter(query, "watch"))) ? "watch" : "list";
            name = exactName(parameter(query, "fieldSelector"));
        } else if (name == null && verb.equals("delete")) {
            verb = "deletecollection";
        }
        return RequestAttributes.resource(user, verb, api.group(), api.resource(), api.subresource(), namespace, name,
                path);
    }

    /** The first value of a query parameter, decoded as the servlet container decodes it, or null. */
    static @Nullable String parameter(@Nullable String query, String key) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String rawKey = equals < 0 ? pair : pair.substring(0, equals);
            if (decode(rawKey).equals(key)) {
                return equals < 0 ? "" : decode(pair.substring(equals + 1));
            }
        }
        return null;
    }

    /**
     * The name a field selector pins with {@code metadata.name=<name>} or {@code metadata.name==<name>},
     * when it is a usable path segment (not {@code .}, {@code ..}, no {@code /} or {@code %}).
     */
    static @Nullable String exactName(@Nullable String fieldSelector) {
        if (fieldSelector == null) {
            return null;
        }
        for (String term : fieldSelector.split(",")) {
            String value;
            if (term.startsWith("metadata.name==")) {
                value = term.substring("metadata.name==".length());
            } else if (term.startsWith("metadata.name=")) {
                value = term.substring("metadata.name=".length());
            } else {
                continue;
            }
            value = value.strip();
            boolean segment = !value.isEmpty() && !value.equals(".") && !value.equals("..")
                              && value.indexOf('/') < 0 && value.indexOf('%') < 0;
            return segment ? value : null;
        }
        return null;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A malformed escape: keep the text as is; the controller refuses the request later.
            return text;
        }
    }
}
