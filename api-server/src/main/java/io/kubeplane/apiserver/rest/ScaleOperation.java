package io.kubeplane.apiserver.rest;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.kubeplane.apiserver.http.ApiException;
import io.kubeplane.apiserver.storage.ObjectKey;
import io.kubeplane.model.ApiResource;
import io.kubeplane.model.KubernetesJson;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code scale} subresource ({@code autoscaling/v1 Scale}) of a Deployment, as kube-apiserver
 * serves it for {@code kubectl scale}: read as a view of {@code spec.replicas},
 * {@code status.replicas} and the selector; written by changing {@code spec.replicas} only,
 * guarded by the Scale's resourceVersion (which is the Deployment's). Thread-safe.
 */
public final class ScaleOperation {

    private final ReadOperation reader;
    private final UpdateOperation updater;

    public ScaleOperation(ReadOperation reader, UpdateOperation updater) {
        this.reader = reader;
        this.updater = updater;
    }

    public ObjectNode get(ApiResource resource, String namespace, String name) {
        return scaleOf(ObjectTrees.parse(reader.get(resource, namespace, name).json()));
    }

    /** PUT of a Scale, or PATCH when {@code change} computes the new Scale from the current one. */
    public ObjectNode update(ApiResource resource, String namespace, String name, UnaryOperator<ObjectNode> change,
                             WriteOptions options) {
        ObjectNode updated = updater.modify(new ObjectKey(resource, namespace, name), false, current -> {
            ObjectNode scale = change.apply(scaleOf(current));
            if (!"Scale".equals(scale.path("kind").asString("Scale"))) {
                throw ApiException.badRequest("the body of a scale request must be an autoscaling/v1 Scale");
            }
            JsonNode replicas = scale.path("spec").path("replicas");
            if (!replicas.isMissingNode() && !replicas.isIntegralNumber()) {
                throw ApiException.badRequest("spec.replicas must be an integer");
            }
            ObjectNode deployment = current.deepCopy();
            ObjectTrees.metadata(deployment).put("resourceVersion", scale.path("metadata").path("resourceVersion").asString(""));
            deployment.withObjectProperty("spec").put("replicas", replicas.asInt(0));
            return deployment;
        }, options);
        return scaleOf(updated);
    }

    /** The Scale view of a Deployment. */
    static ObjectNode scaleOf(ObjectNode deployment) {
        ObjectNode scale = KubernetesJson.JSON.createObjectNode();
        scale.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        JsonNode metadata = deployment.path("metadata");
        ObjectNode scaleMetadata = scale.putObject("metadata");
        for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (metadata.has(field)) {
                scaleMetadata.set(field, metadata.get(field));
            }
        }
        scale.putObject("spec").put("replicas", deployment.path("spec").path("replicas").asInt(1));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", deployment.path("status").path("replicas").asInt(0));
        JsonNode selector = deployment.path("spec").path("selector");
        if (!selector.isMissingNode()) {
            status.put("selector", io.kubeplane.selector.LabelSelector.from(
                    KubernetesJson.JSON.treeToValue(selector, LabelSelector.class)).toString());
        }
        return scale;
    }
}
