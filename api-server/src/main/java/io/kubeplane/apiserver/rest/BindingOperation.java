package io.kubeplane.apiserver.rest;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.kubeplane.apiserver.http.ApiException;
import io.kubeplane.apiserver.storage.ObjectKey;
import io.kubeplane.model.ApiResources;
import io.kubeplane.model.validation.FieldError;
import io.kubeplane.model.validation.FieldPath;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code pods/binding} subresource, as kube-scheduler binds a pod: a v1 Binding names the node
 * in {@code target}; the pod's {@code spec.nodeName} is set if it has none, and a pod already bound
 * is a Conflict, so two schedulers never both place it. The Binding's uid, when given, must be the
 * pod's. Thread-safe.
 */
public final class BindingOperation {

    private final UpdateOperation updater;

    public BindingOperation(UpdateOperation updater) {
        this.updater = updater;
    }

    /** Binds the pod; the answer is kube-apiserver's, a Success Status. */
    public Status bind(String namespace, String name, ObjectNode binding, WriteOptions options) {
        JsonNode target = binding.path("target");
        List<FieldError> errors = new ArrayList<>();
        String kind = target.path("kind").asString("");
        if (!kind.isEmpty() && !kind.equals("Node")) {
            errors.add(FieldError.notSupported(FieldPath.of("target", "kind"), kind, List.of("Node")));
        }
        String node = target.path("name").asString("");
        if (node.isEmpty()) {
            errors.add(FieldError.required(FieldPath.of("target", "name"), ""));
        }
        String bindingName = binding.path("metadata").path("name").asString(name);
        if (!bindingName.equals(name)) {
            errors.add(FieldError.invalid(FieldPath.of("metadata", "name"), bindingName, "must match the pod's name " + name));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(ApiResources.PODS, name, errors);
        }
        String uid = binding.path("metadata").path("uid").asString("");
        updater.bind(new ObjectKey(ApiResources.PODS, namespace, name), current -> {
            String currentUid = current.path("metadata").path("uid").asString("");
            if (!uid.isEmpty() && !uid.equals(currentUid)) {
                throw ApiException.conflict(ApiResources.PODS, name, "Operation cannot be fulfilled on pods/binding \""
                        + name + "\": Precondition failed: UID in precondition: " + uid + ", UID in object meta: " + currentUid);
            }
            String bound = current.path("spec").path("nodeName").asString("");
            if (!bound.isEmpty()) {
                throw ApiException.conflict(ApiResources.PODS, name, "Operation cannot be fulfilled on pods/binding \""
                        + name + "\": pod " + name + " is already assigned to node \"" + bound + "\"");
            }
            if (current.path("metadata").hasNonNull("deletionTimestamp")) {
                throw ApiException.conflict(ApiResources.PODS, name, "Operation cannot be fulfilled on pods/binding \""
                        + name + "\": pod " + name + " is being deleted, cannot be assigned to a host");
            }
            ObjectNode pod = current.deepCopy();
            pod.withObjectProperty("spec").put("nodeName", node);
            return pod;
        }, options);
        return new StatusBuilder().withApiVersion("v1").withKind("Status").withStatus("Success").withCode(201)
                .withNewMetadata().endMetadata().build();
    }
}
