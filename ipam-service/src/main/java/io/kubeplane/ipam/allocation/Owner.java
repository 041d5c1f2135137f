package io.kubeplane.ipam.allocation;

/**
 * The object that holds an allocation: a Service, a Node or a Pod, named as in an IPAddress'
 * {@code parentRef}.
 *
 * @param resource  the owner's resource, e.g. {@code services}
 * @param namespace its namespace, empty for cluster-scoped owners
 * @param name      its name
 * @param uid       its uid: the repair loop compares it with the live object's
 */
public record Owner(String resource, String namespace, String name, String uid) {

    public static Owner service(String namespace, String name, String uid) {
        return new Owner("services", namespace, name, uid);
    }

    /** {@code services/default/web}, for logs and errors. */
    @Override
    public String toString() {
        return resource + "/" + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
