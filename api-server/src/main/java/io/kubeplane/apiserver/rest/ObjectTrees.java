package io.kubeplane.apiserver.rest;

import io.kubeplane.apiserver.http.ApiException;
import io.kubeplane.apiserver.registry.ObjectRules;
import io.kubeplane.apiserver.storage.ObjectWrite;
import io.kubeplane.model.ApiResource;
import io.kubeplane.model.KubernetesJson;
import io.kubeplane.patch.JsonValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Small helpers over object trees shared by the operations. Stateless. */
final class ObjectTrees {

    private ObjectTrees() {
    }

    static ObjectNode parse(String json) {
        return (ObjectNode) KubernetesJson.JSON.readTree(json);
    }

    static ObjectNode metadata(ObjectNode object) {
        JsonNode metadata = object.get("metadata");
        return metadata instanceof ObjectNode node ? node : object.putObject("metadata");
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asString("");
    }

    static String resourceVersion(JsonNode object) {
        return object.path("metadata").path("resourceVersion").asString("");
    }

    static void setResourceVersion(ObjectNode object, long version) {
        metadata(object).put("resourceVersion", Long.toString(version));
    }

    static Map<String, String> labels(JsonNode object) {
        Map<String, String> labels = new LinkedHashMap<>();
        object.path("metadata").path("labels").properties()
                .forEach(e -> labels.put(e.getKey(), e.getValue().asString("")));
        return labels;
    }

    static List<UUID> ownerUids(JsonNode object) {
        List<UUID> uids = new ArrayList<>();
        for (JsonNode reference : object.path("metadata").path("ownerReferences")) {
            String uid = reference.path("uid").asString("");
            try {
                uids.add(UUID.fromString(uid));
            } catch (IllegalArgumentException notAUuid) {
                // Kubernetes uids are UUIDs; a reference to anything else can never match an owner.
            }
        }
        return uids;
    }

    /** The row to store for an object: its key columns derived from the tree. */
    static ObjectWrite write(ObjectRules rules, ApiResource resource, ObjectNode object) {
        UUID uid = UUID.fromString(object.path("metadata").path("uid").asString());
        return new ObjectWrite(uid, labels(object), rules.selectableFields(resource, object), ownerUids(object),
                KubernetesJson.write(object));
    }

    /**
     * Whether two objects hold the same content. Numbers compare by value: a tree read from the
     * store holds small longs as ints, one made from a typed object as longs.
     */
    static boolean sameContent(JsonNode a, JsonNode b) {
        return JsonValues.same(a, b);
    }

    /** Checks that the body is of the path's kind, filling apiVersion and kind in when absent. */
    static void checkKind(ApiResource resource, ObjectNode body) {
        String apiVersion = body.path("apiVersion").asString("");
        String kind = body.path("kind").asString("");
        if (!apiVersion.isEmpty() && !apiVersion.equals(resource.apiVersion())) {
            throw ApiException.badRequest("the API version in the data (" + apiVersion
                                          + ") does not match the expected API version (" + resource.apiVersion() + ")");
        }
        if (!kind.isEmpty() && !kind.equals(resource.kind())) {
            throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind ("
                                          + resource.kind() + ")");
        }
        body.put("apiVersion", resource.apiVersion());
        body.put("kind", resource.kind());
    }

    /** Checks the body's namespace against the path's; fills it in when absent. */
    static void checkNamespace(ApiResource resource, ObjectNode body, String namespace) {
        if (!resource.namespaced()) {
            return;
        }
        String given = body.path("metadata").path("namespace").asString("");
        if (!given.isEmpty() && !given.equals(namespace)) {
            throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        metadata(body).put("namespace", namespace);
    }
}
