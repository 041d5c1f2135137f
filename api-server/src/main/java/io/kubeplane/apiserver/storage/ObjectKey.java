package io.kubeplane.apiserver.storage;

import io.kubeplane.model.ApiResource;

/**
 * Where an object lives: its kind, namespace ({@code ""} for cluster-scoped kinds) and name.
 *
 * @param resource  the kind
 * @param namespace the namespace, empty for cluster-scoped kinds
 * @param name      the object's name
 */
public record ObjectKey(ApiResource resource, String namespace, String name) {

    /** {@code services "web"} style, as Kubernetes names an object in messages. */
    public String describe() {
        return resource.groupResource() + " \"" + name + "\"";
    }

    @Override
    public String toString() {
        return resource.groupResource() + "/" + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
