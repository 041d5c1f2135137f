package io.kubeplane.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The JSON and YAML mappers for Kubernetes objects, configured as the Kubernetes API reads and
 * writes them: unknown fields kept (fabric8 types hold them as additional properties), dates as
 * RFC 3339 strings, no failure on empty beans.
 *
 * <p>Thread-safe: Jackson mappers are immutable once built. Shared by every module.
 */
public final class KubernetesJson {

    /** The JSON mapper for Kubernetes objects. */
    public static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    /** The YAML mapper, for request bodies sent as {@code application/yaml}. */
    public static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private KubernetesJson() {
    }

    /** Serializes an object (a fabric8 type or a tree) to compact JSON. */
    public static String write(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** Reads JSON text into the given type; throws {@link JacksonException} for malformed input. */
    public static <T> T read(String json, Class<T> type) {
        return JSON.readValue(json, type);
    }

    public static <T extends HasMetadata> T fromTree(JsonNode tree, Class<T> type) {
        return JSON.treeToValue(tree, type);
    }

    public static JsonNode toTree(Object value) {
        return JSON.valueToTree(value);
    }

    /** A deep copy of a model object (or any bean Jackson can round-trip), through its JSON tree. */
    @SuppressWarnings("unchecked")
    public static <T> T deepCopy(T value) {
        return JSON.treeToValue(JSON.valueToTree(value), (Class<T>) value.getClass());
    }
}
