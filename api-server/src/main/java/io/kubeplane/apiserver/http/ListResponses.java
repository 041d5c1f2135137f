package io.kubeplane.apiserver.http;

import io.kubeplane.apiserver.rest.ReadOperation;
import io.kubeplane.apiserver.storage.StoredObject;
import io.kubeplane.model.ApiResource;
import io.kubeplane.model.KubernetesJson;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders {@code <Kind>List} bodies. Items are spliced in as the stored JSON text, unparsed, so a
 * list of thousands of objects costs little more than copying their bytes. Stateless.
 */
final class ListResponses {

    private ListResponses() {
    }

    static String render(ApiResource resource, ReadOperation.ListResult result) {
        StringBuilder out = head(resource, result.resourceVersion(), result.continueToken(),
                result.items().stream().mapToInt(i -> i.json().length()).sum());
        boolean first = true;
        for (StoredObject item : result.items()) {
            out.append(first ? "" : ",").append(item.json());
            first = false;
        }
        return out.append("]}").toString();
    }

    static String render(ApiResource resource, List<ObjectNode> items, long resourceVersion) {
        StringBuilder out = head(resource, resourceVersion, null, 0);
        boolean first = true;
        for (ObjectNode item : items) {
            out.append(first ? "" : ",").append(KubernetesJson.write(item));
            first = false;
        }
        return out.append("]}").toString();
    }

    private static StringBuilder head(ApiResource resource, long resourceVersion, String continueToken, int size) {
        StringBuilder out = new StringBuilder(size + 256);
        out.append("{\"kind\":\"").append(resource.listKind()).append("\",\"apiVersion\":\"").append(resource.apiVersion())
                .append("\",\"metadata\":{\"resourceVersion\":\"").append(resourceVersion).append('"');
        if (continueToken != null) {
            out.append(",\"continue\":\"").append(continueToken).append('"');
        }
        return out.append("},\"items\":[");
    }
}
