package io.kubeplane.apiserver.http;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import io.kubeplane.model.ApiResource;
import io.kubeplane.model.validation.FieldError;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request the API refuses, carrying the Kubernetes {@code Status} to answer with: the HTTP code,
 * the reason (NotFound, AlreadyExists, Conflict, Invalid, ...) and, for Invalid, one cause per bad
 * field. Messages follow kube-apiserver's wording so clients print what users know.
 */
public final class ApiException extends RuntimeException {

    private final Status status;

    public ApiException(Status status) {
        super(status.getMessage());
        this.status = status;
    }

    public Status status() {
        return status;
    }

    public int code() {
        return status.getCode();
    }

    public static ApiException of(int code, String reason, String message) {
        return new ApiException(failure(code, reason, message).build());
    }

    public static ApiException badRequest(String message) {
        return of(400, "BadRequest", message);
    }

    public static ApiException unauthorized() {
        return of(401, "Unauthorized", "Unauthorized");
    }

    public static ApiException forbidden(ApiResource resource, @Nullable String name, String why) {
        String subject = name == null ? resource.groupResource() : resource.groupResource() + " \"" + name + "\"";
        return new ApiException(failure(403, "Forbidden", subject + " is forbidden: " + why)
                .withDetails(details(resource, name).build()).build());
    }

    public static ApiException notFound(ApiResource resource, String name) {
        return new ApiException(failure(404, "NotFound", resource.groupResource() + " \"" + name + "\" not found")
                .withDetails(details(resource, name).build()).build());
    }

    /** A path that names no resource this server serves. */
    public static ApiException notFound(String message) {
        return of(404, "NotFound", message);
    }

    public static ApiException alreadyExists(ApiResource resource, String name) {
        return new ApiException(failure(409, "AlreadyExists", resource.groupResource() + " \"" + name + "\" already exists")
                .withDetails(details(resource, name).build()).build());
    }

    public static ApiException conflict(ApiResource resource, String name, String message) {
        return new ApiException(failure(409, "Conflict", message).withDetails(details(resource, name).build()).build());
    }

    public static ApiException gone(String message) {
        return of(410, "Expired", message);
    }

    public static ApiException tooLarge(String message) {
        return of(413, "RequestEntityTooLarge", message);
    }

    public static ApiException methodNotAllowed(String message) {
        return of(405, "MethodNotAllowed", message);
    }

    public static ApiException unsupportedMediaType(String message) {
        return of(415, "UnsupportedMediaType", message);
    }

    /** 422 Invalid with one cause per field error, worded as kube-apiserver words it. */
    public static ApiException invalid(ApiResource resource, String name, List<FieldError> errors) {
        String joined = FieldError.summary(errors);
        List<StatusCause> causes = errors.stream()
                .map(e -> new StatusCause(e.field(), e.body(), e.type().reason()))
                .toList();
        return new ApiException(failure(422, "Invalid", resource.kind() + " \"" + name + "\" is invalid: " + joined)
                .withDetails(new StatusDetailsBuilder().withName(name).withGroup(resource.group())
                        .withKind(resource.kind()).withCauses(causes).build())
                .build());
    }

    public static ApiException internal(String message) {
        return of(500, "InternalError", "Internal error occurred: " + message);
    }

    public static ApiException unavailable(String message) {
        return of(503, "ServiceUnavailable", message);
    }

    private static StatusBuilder failure(int code, String reason, String message) {
        return new StatusBuilder().withApiVersion("v1").withKind("Status").withStatus("Failure")
                .withMessage(message).withReason(reason).withCode(code).withNewMetadata().endMetadata();
    }

    private static StatusDetailsBuilder details(ApiResource resource, @Nullable String name) {
        return new StatusDetailsBuilder().withName(name).withGroup(resource.group()).withKind(resource.plural());
    }
}
