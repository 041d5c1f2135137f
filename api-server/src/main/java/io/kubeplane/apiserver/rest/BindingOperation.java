package io.kubeplane.apiserver.rest;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.kubeplane.apiserver.http.ApiException;
import io.kubeplane.apiserver.registry.ObjectRules;
import io.kubeplane.apiserver.registry.PodBinding;
import io.kubeplane.apiserver.storage.ObjectKey;
import io.kubeplane.model.ApiResource;
import io.kubeplane.model.ApiResources;
import io.kubeplane.model.validation.FieldError;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST {@code pods/{name}/binding}, as kube-scheduler binds a pod and kube-apiserver's
 * {@code BindingREST} answers: the Binding must name the pod (else 400) and a node (else 422); the
 * pod is bound by {@link PodBinding}, and a pod that is missing is 404, one already bound, being
 * deleted or not matching the Binding's uid or resourceVersion is 409 Conflict, so two schedulers
 * never both place it. Success is a {@code Status} with code 201. Thread-safe.
 */
public final class BindingOperation {

    /** Binding is not a served kind; it only names the 422s of a bad Binding. */
    private static final ApiResource BINDINGS = new ApiResource(
            "", "v1", "Binding", "bindings", "binding", true, List.of(), Set.of(), Binding.class);

    private final UpdateOperation updater;
    private final ObjectRules rules;

    public BindingOperation(UpdateOperation updater, ObjectRules rules) {
        this.updater = updater;
        this.rules = rules;
    }

    /** Binds the pod {@code namespace/name} as {@code body} says; the answer is kube-apiserver's. */
    public Status bind(String namespace, String name, ObjectNode body, WriteOptions options) {
        ObjectTrees.checkKind(BINDINGS, body);
        PodBinding binding = PodBinding.parse(body);
        if (!binding.name().equals(name)) {
            throw ApiException.badRequest("name in URL does not match name in Binding object");
        }
        List<FieldError> errors = binding.validate();
        if (!errors.isEmpty()) {
            throw ApiException.invalid(BINDINGS, name, errors);
        }
        updater.bind(new ObjectKey(ApiResources.PODS, namespace, name), current -> {
            String uid = current.path("metadata").path("uid").asString("");
            if (!binding.uid().isEmpty() && !binding.uid().equals(uid)) {
                throw conflict(name, "Precondition failed: UID in precondition: " + binding.uid()
                                     + ", UID in object meta: " + uid);
            }
            ObjectNode bound;
            try {
                bound = binding.applyTo(current, rules.now());
            } catch (PodBinding.Refused e) {
                throw conflict(name, e.getMessage());
            }
            if (!binding.resourceVersion().isEmpty()) {
                // The update loop refuses the write with a Conflict unless the pod is still at this version.
                ObjectTrees.metadata(bound).put("resourceVersion", binding.resourceVersion());
            }
            return bound;
        }, options);
        return new StatusBuilder().withApiVersion("v1").withKind("Status").withStatus("Success").withCode(201)
                .withNewMetadata().endMetadata().build();
    }

    /** kube-apiserver's Conflict on the subresource: {@code Operation cannot be fulfilled on pods/binding "web-1": ...}. */
    private static ApiException conflict(String name, String why) {
        return new ApiException(new StatusBuilder().withApiVersion("v1").withKind("Status").withStatus("Failure")
                .withCode(409).withReason("Conflict").withNewMetadata().endMetadata()
                .withMessage("Operation cannot be fulfilled on pods/binding \"" + name + "\": " + why)
                .withNewDetails().withName(name).withGroup("").withKind("pods/binding").endDetails().build());
    }
}
