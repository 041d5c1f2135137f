package io.kubeplane.apiserver.rest;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeplane.apiserver.http.ApiException;
import io.kubeplane.model.ApiResource;
import io.kubeplane.model.KubernetesJson;
import io.kubeplane.model.defaults.Defaulting;
import io.kubeplane.model.validation.FieldError;
import io.kubeplane.model.validation.Validation;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a prepared JSON tree into a typed object, applies the kind's defaults and validates it,
 * refusing with 422 Invalid (every bad field listed) or 400 when the tree is not an object of the
 * kind at all. Stateless and thread-safe.
 */
final class ObjectAdmission {

    /** What kind of write: BINDING is an update that may also set a pod's {@code spec.nodeName}. */
    enum Mode { CREATE, UPDATE, STATUS, BINDING }

    private ObjectAdmission() {
    }

    /** Defaults and validates; returns the typed object, ready to store. */
    static HasMetadata admit(ApiResource resource, ObjectNode object, ObjectNode old, Mode mode, WriteOptions options) {
        HasMetadata typed = toTyped(resource, object);
        checkUnknownFields(typed, options);
        List<FieldError> errors = switch (mode) {
            case CREATE -> Validation.validateCreate(Defaulting.apply(typed));
            case UPDATE -> {
                HasMetadata before = toTyped(resource, old);
                // Update defaulting also keeps what the server allocated and the client left out (clusterIP, nodePorts).
                yield Validation.validateUpdate(Defaulting.applyForUpdate(typed, before), before);
            }
            case BINDING -> {
                HasMetadata before = toTyped(resource, old);
                if (before instanceof Pod pod && typed instanceof Pod bound) {
                    pod.getSpec().setNodeName(bound.getSpec().getNodeName());
                }
                yield Validation.validateUpdate(Defaulting.applyForUpdate(typed, before), before);
            }
            // Kubernetes defaults every object it decodes, status writes included (e.g. ingress ipMode).
            case STATUS -> Validation.validateStatusUpdate(Defaulting.apply(typed), toTyped(resource, old));
        };
        if (!errors.isEmpty()) {
            throw ApiException.invalid(resource, typed.getMetadata() == null ? "" : String.valueOf(typed.getMetadata().getName()),
                    errors);
        }
        return typed;
    }

    static HasMetadata admitCreate(ApiResource resource, ObjectNode object, WriteOptions options) {
        return admit(resource, object, object, Mode.CREATE, options);
    }

    /**
     * kube-apiserver's field validation: fields the kind does not have are dropped; Strict refuses
     * them, Warn names them in warnings.
     */
    private static void checkUnknownFields(HasMetadata typed, WriteOptions options) {
        List<String> unknown = UnknownFields.prune(typed);
        if (unknown.isEmpty() || options.fieldValidation() == WriteOptions.FieldValidation.IGNORE) {
            return;
        }
        if (options.fieldValidation() == WriteOptions.FieldValidation.STRICT) {
            throw ApiException.badRequest("strict decoding error: " + String.join(", ",
                    unknown.stream().map(field -> "unknown field \"" + field + "\"").toList()));
        }
        unknown.forEach(field -> options.warnings().accept("unknown field \"" + field + "\""));
    }

    static HasMetadata toTyped(ApiResource resource, ObjectNode object) {
        try {
            return KubernetesJson.fromTree(object, resource.type());
        } catch (JacksonException e) {
            throw ApiException.badRequest("the body of the request was not a valid " + resource.kind() + ": "
                                          + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the body of the request was not a valid " + resource.kind() + ": "
                                          + e.getMessage());
        }
    }
}
