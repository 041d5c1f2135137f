package io.kubeplane.apiserver.printing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kubeplane.model.KubernetesJson;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A {@link ResourcePrinter} that reads the object into its fabric8 model type first, so a printer
 * reads fields through the model's getters rather than by JSON path. The conversion makes a copy;
 * the tree passed in is never touched. Stateless.
 *
 * @param <T> the model type of the kind
 */
abstract class TypedPrinter<T extends HasMetadata> implements ResourcePrinter {

    private final Class<T> type;

    TypedPrinter(Class<T> type) {
        this.type = type;
    }

    @Override
    public final TableRow print(JsonNode object, Instant now) {
        return print(KubernetesJson.fromTree(object, type), now);
    }

    /** @return the row for one object of the model type */
    abstract TableRow print(T object, Instant now);

    static ObjectMeta metadata(HasMetadata object) {
        return object.getMetadata() == null ? new ObjectMeta() : object.getMetadata();
    }

    static String name(HasMetadata object) {
        return CellFormats.text(metadata(object).getName());
    }

    static String age(HasMetadata object, Instant now) {
        return HumanDuration.since(metadata(object).getCreationTimestamp(), now);
    }
}
