package io.kubeplane.apiserver.openapi;

import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the human-readable side of a Kubernetes type comes from: its description, each field's
 * description and which fields are required. The fabric8 model classes carry the structure but none
 * of this text at run time.
 *
 * <p>Implementations are thread-safe.
 */
interface ModelDocs {

    /**
     * @param definition a Kubernetes definition name, e.g. {@code io.k8s.api.core.v1.ServiceSpec}
     * @return what is known about that type, empty if nothing
     */
    Optional<ModelDoc> lookup(String definition);

    /**
     * A type's documentation.
     *
     * @param description the type's description, empty if none
     * @param fields by JSON field name
     */
    record ModelDoc(String description, Map<String, FieldDoc> fields) {

        public ModelDoc {
            fields = Map.copyOf(fields);
        }

        /** @return the field's documentation, or null if the source does not know the field */
        @Nullable FieldDoc field(String name) {
            return fields.get(name);
        }
    }

    /**
     * One field's documentation.
     *
     * @param description the field's description, empty if none (Kubernetes' spec often describes a
     *     field that holds another type only on that type)
     * @param required whether the field is required
     * @param time whether the field is a {@code metav1.Time} (fabric8 holds those as strings)
     */
    record FieldDoc(String description, boolean required, boolean time) {
    }
}
