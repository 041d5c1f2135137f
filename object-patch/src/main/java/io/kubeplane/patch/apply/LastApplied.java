package io.kubeplane.patch.apply;

import java.util.List;

import io.kubeplane.patch.PatchException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Client-side apply's {@code kubectl.kubernetes.io/last-applied-configuration} annotation meets
 * server-side apply, as kube-apiserver's {@code lastAppliedManager} and {@code lastAppliedUpdater} do,
 * for the field manager {@code kubectl} only (the one {@code kubectl apply --server-side} uses):
 * <pre>
 *   migrate   kubectl's fields are owned by "kubectl-client-side-apply" (Update); a server-side apply
 *             by "kubectl" may take those that the annotation still matches without a conflict
 *   sync      after a server-side apply by "kubectl", an annotation that exists is rewritten to the
 *             applied configuration, so a later client-side apply diffs against the right thing
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
final class LastApplied {

    static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

    /** The field manager whose applies take part. */
    static final String KUBECTL = "kubectl";

    private LastApplied() {
    }

    /**
     * @param live the live object, with its annotations
     * @return the fields of the annotation whose values the live object still has, which kubectl may
     *     take over; empty if there is no usable annotation
     */
    static FieldSet allowedConflicts(JsonNode live, String apiVersion, TypeRef type) {
        String text = annotation(live);
        if (text == null || text.isEmpty()) {
            return FieldSet.empty();
        }
        try {
            JsonNode lastApplied = JsonMapper.shared().readTree(text);
            if (!lastApplied.isObject() || !apiVersion.equals(lastApplied.path("apiVersion").asString(""))) {
                return FieldSet.empty();
            }
            FieldSet fields = TypedFields.of(lastApplied, type);
            Comparison compare = Comparison.of(lastApplied, live, type);
            return fields.difference(compare.modified()).difference(compare.added()).difference(compare.removed());
        }
        catch (JacksonException | PatchException ex) {
            // kube-apiserver ignores an annotation it cannot read and reports the conflicts
            return FieldSet.empty();
        }
    }

    /** @return the conflicts on fields not in {@code allowed} */
    static List<Conflict> remaining(List<Conflict> conflicts, FieldSet allowed) {
        return conflicts.stream().filter(conflict -> !allowed.has(conflict.field())).toList();
    }

    /**
     * Rewrites the annotation of {@code object}, if it has one, to {@code config} without the
     * annotation, encoded as Go's {@code json.Encoder} writes it (sorted keys, trailing newline).
     *
     * @param object the result of the apply, changed in place
     */
    static void sync(ObjectNode object, JsonNode config) {
        String current = annotation(object);
        if (current == null || current.isEmpty()) {
            return;
        }
        JsonNode encoded = config.deepCopy();
        JsonNode annotations = encoded.path("metadata").path("annotations");
        if (annotations instanceof ObjectNode map) {
            map.remove(ANNOTATION);
        }
        ((ObjectNode) object.path("metadata").path("annotations")).put(ANNOTATION, GoJson.write(encoded) + "\n");
    }

    private static @Nullable String annotation(JsonNode object) {
        JsonNode value = object.path("metadata").path("annotations").get(ANNOTATION);
        return value != null && value.isString() ? value.stringValue() : null;
    }
}
