package io.kubeplane.apiserver.storage;

import io.kubeplane.model.KubernetesJson;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

/** Converts between key columns (string maps, uid arrays) and their SQL text forms. */
final class JsonColumns {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private JsonColumns() {
    }

    static String map(Map<String, String> values) {
        return values.isEmpty() ? "{}" : KubernetesJson.write(values);
    }

    static Map<String, String> map(@Nullable String json) {
        if (json == null || json.equals("{}")) {
            return Map.of();
        }
        return Map.copyOf(KubernetesJson.JSON.readValue(json, STRING_MAP));
    }

    /** PostgreSQL array literal for a {@code uuid[]} parameter. */
    static String uuidArray(List<UUID> uids) {
        return uids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
