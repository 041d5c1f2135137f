package io.kubeplane.dns.zone;

/**
 * The object a record came from, for "why this answer".
 *
 * @param kind            {@code Service}, {@code EndpointSlice}, or {@code Pod name} for the IP-shaped pod names
 * @param namespace       its namespace
 * @param name            its name
 * @param resourceVersion its resourceVersion when the record was made
 */
public record Source(String kind, String namespace, String name, String resourceVersion) {

    @Override
    public String toString() {
        return kind + " " + namespace + "/" + name + (resourceVersion.isEmpty() ? "" : " (resourceVersion " + resourceVersion + ")");
    }
}
