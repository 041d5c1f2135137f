package io.kubeplane.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubeplane.model.KubernetesJson;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import tools.jackson.databind.JsonNode;

/**
 * Parses rendered manifests into fabric8's class for each kind, and refuses any field the kind does
 * not have: fabric8 keeps unknown fields in {@code additionalProperties}, which is where a misspelt
 * {@code readinesProbe} would otherwise hide.
 */
final class StrictObjects {

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/DaemonSet", DaemonSet.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "v1/Service", Service.class,
            "v1/Secret", Secret.class,
            "v1/ConfigMap", ConfigMap.class);

    private StrictObjects() {
    }

    /** Every document of a multi-document YAML stream, each as the object of its kind. */
    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            JsonNode tree = KubernetesJson.YAML.readTree(document);
            if (tree == null || tree.isMissingNode() || tree.isNull() || tree.isEmpty()) {
                continue;
            }
            String kind = tree.path("apiVersion").asString() + "/" + tree.path("kind").asString();
            Class<? extends HasMetadata> type = KINDS.get(kind);
            if (type == null) {
                throw new AssertionError("a rendered object of an unexpected kind " + kind + ":\n" + document);
            }
            HasMetadata object = KubernetesJson.fromTree(tree, type);
            List<String> unknown = new ArrayList<>();
            unknownFields(object, kind + " " + object.getMetadata().getName(),
                    Collections.newSetFromMap(new IdentityHashMap<>()), unknown);
            if (!unknown.isEmpty()) {
                throw new AssertionError("fields " + kind + " does not have: " + unknown);
            }
            objects.add(object);
        }
        return objects;
    }

    private static void unknownFields(Object value, String path, Set<Object> seen, List<String> unknown) {
        if (value == null || !value.getClass().getPackageName().startsWith("io.fabric8") || !seen.add(value)) {
            if (value instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    unknownFields(item, path + "[" + i++ + "]", seen, unknown);
                }
            } else if (value instanceof Map<?, ?> map && !(path.endsWith("additionalProperties"))) {
                map.forEach((k, v) -> unknownFields(v, path + "." + k, seen, unknown));
            }
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                unknownFields(field, path + "." + getter.getName().substring(3), seen, unknown);
            }
        }
    }
}
