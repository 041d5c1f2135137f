package io.kubeplane.apiserver.registry;

import io.kubeplane.model.validation.FieldError;
import io.kubeplane.model.validation.FieldPath;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A v1 Binding posted to {@code pods/{name}/binding}, as kube-scheduler sends it, and what it does
 * to the pod (kube-apiserver's {@code BindingREST}):
 * <pre>
 *   {"kind":"Binding","apiVersion":"v1",
 *    "metadata":{"name":"web-1","uid":"...","annotations":{...}},   uid, resourceVersion: optional preconditions
 *    "target":{"kind":"Node","name":"node-1"}}                       kind may be left out
 * </pre>
 * A pod is bound once: it gets {@code spec.nodeName}, the Binding's annotations and the condition
 * {@code PodScheduled=True}. A pod already bound, being deleted or still gated is refused.
 *
 * <p>Immutable and thread-safe; parsed and applied by the api-server's binding operation.
 *
 * @param name            metadata.name, which must be the pod's
 * @param uid             metadata.uid, the pod's uid if given
 * @param resourceVersion metadata.resourceVersion, the pod's version if given
 * @param targetKind      target.kind: empty or Node
 * @param targetName      target.name: the node
 * @param annotations     metadata.annotations, merged into the pod's
 */
public record PodBinding(String name, String uid, String resourceVersion, String targetKind, String targetName,
                         Map<String, String> annotations) {

    /** Why a valid binding cannot be applied; kube-apiserver answers it as a Conflict on pods/binding. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    public PodBinding {
        annotations = Map.copyOf(annotations);
    }

    /** Reads the fields a binding uses; anything missing is empty. */
    public static PodBinding parse(JsonNode binding) {
        JsonNode metadata = binding.path("metadata");
        Map<String, String> annotations = new LinkedHashMap<>();
        metadata.path("annotations").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asString("")));
        JsonNode target = binding.path("target");
        return new PodBinding(metadata.path("name").asString(""), metadata.path("uid").asString(""),
                metadata.path("resourceVersion").asString(""), target.path("kind").asString(""),
                target.path("name").asString(""), annotations);
    }

    /** Kubernetes' {@code ValidatePodBinding}: a target that is a node, by name. */
    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        if (!targetKind.isEmpty() && !targetKind.equals("Node")) {
            errors.add(FieldError.notSupported(FieldPath.of("target", "kind"), targetKind, List.of("Node", "<empty>")));
        }
        if (targetName.isEmpty()) {
            errors.add(FieldError.required(FieldPath.of("target", "name"), ""));
        }
        return errors;
    }

    /**
     * The pod bound to the target node, as {@code setPodNodeAndMetadata}; {@code pod} is not changed.
     *
     * @throws Refused when the pod is being deleted, already bound or has scheduling gates
     */
    public ObjectNode applyTo(ObjectNode pod, Instant now) {
        String podName = pod.path("metadata").path("name").asString("");
        if (pod.path("metadata").hasNonNull("deletionTimestamp")) {
            throw new Refused("pod " + podName + " is being deleted, cannot be assigned to a host");
        }
        String bound = pod.path("spec").path("nodeName").asString("");
        if (!bound.isEmpty()) {
            throw new Refused("pod " + podName + " is already assigned to node \"" + bound + "\"");
        }
        if (!pod.path("spec").path("schedulingGates").isEmpty()) {
            throw new Refused("pod " + podName + " has non-empty .spec.schedulingGates");
        }
        ObjectNode result = pod.deepCopy();
        result.withObjectProperty("spec").put("nodeName", targetName);
        if (!annotations.isEmpty()) {
            ObjectNode podAnnotations = result.withObjectProperty("metadata").withObjectProperty("annotations");
            annotations.forEach(podAnnotations::put);
        }
        setScheduled(result.withObjectProperty("status").withArrayProperty("conditions"), now);
        return result;
    }

    /**
     * Sets PodScheduled=True in place of any earlier PodScheduled condition (a scheduler's
     * Unschedulable, say), as {@code UpdatePodCondition}: the transition time moves only when the
     * status changes, and the reason and message go.
     */
    private static void setScheduled(ArrayNode conditions, Instant now) {
        String transition = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
        for (int i = 0; i < conditions.size(); i++) {
            JsonNode old = conditions.get(i);
            if (old.path("type").asString("").equals("PodScheduled")) {
                if (old.path("status").asString("").equals("True") && old.hasNonNull("lastTransitionTime")) {
                    transition = old.path("lastTransitionTime").asString();
                }
                conditions.set(i, scheduled(conditions, transition));
                return;
            }
        }
        conditions.add(scheduled(conditions, transition));
    }

    private static ObjectNode scheduled(ArrayNode conditions, String transition) {
        ObjectNode condition = conditions.objectNode();
        condition.put("type", "PodScheduled").put("status", "True").putNull("lastProbeTime")
                .put("lastTransitionTime", transition);
        return condition;
    }
}
