package io.kubeplane.ipam.http;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.kubeplane.model.validation.FieldError;
import java.util.List;

/** Kubernetes {@code Status} bodies for ipam-service's errors, so callers read them as they read the api-server's. */
final class StatusResponses {

    private StatusResponses() {
    }

    /** 422 Invalid, one cause per field, the message worded as kube-apiserver words it. */
    static Status invalid(String kind, String name, List<FieldError> errors) {
        String joined = FieldError.summary(errors);
        List<StatusCause> causes = errors.stream().map(e -> new StatusCause(e.field(), e.body(), e.type().reason())).toList();
        return failure(422, "Invalid", kind + " \"" + name + "\" is invalid: " + joined)
                .withNewDetails().withKind(kind).withName(name).withCauses(causes).endDetails()
                .build();
    }

    static Status of(int code, String reason, String message) {
        return failure(code, reason, message).build();
    }

    private static StatusBuilder failure(int code, String reason, String message) {
        return new StatusBuilder().withApiVersion("v1").withKind("Status").withStatus("Failure")
                .withMessage(message).withReason(reason).withCode(code).withNewMetadata().endMetadata();
    }
}
