package io.kubeplane.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Set;

/**
 * One kind of object kubeplane serves: its group, version, kind, REST names and Java type.
 *
 * <p>Immutable and thread-safe. The api-server routes requests by it, the outbox names Kafka topics
 * after {@link #groupResource()}, and informers use {@link #type()} to read objects back.
 *
 * @param group        API group, {@code ""} for the core group
 * @param version      API version within the group, e.g. {@code v1}
 * @param kind         the kind, e.g. {@code Service}
 * @param plural       REST resource name, e.g. {@code services}
 * @param singular     singular name, e.g. {@code service}
 * @param namespaced   whether objects live in a namespace
 * @param shortNames   kubectl short names, e.g. {@code svc}
 * @param subresources served subresources, e.g. {@code status}, {@code scale}
 * @param type         the fabric8 model class
 * @param categories   discovery categories, e.g. {@code all} (what {@code kubectl get all} lists)
 */
public record ApiResource(
        String group,
        String version,
        String kind,
        String plural,
        String singular,
        boolean namespaced,
        List<String> shortNames,
        Set<String> subresources,
        Class<? extends HasMetadata> type,
        List<String> categories) {

    public ApiResource {
        shortNames = List.copyOf(shortNames);
        subresources = Set.copyOf(subresources);
        categories = List.copyOf(categories);
    }

    /** A resource in no discovery category. */
    public ApiResource(String group, String version, String kind, String plural, String singular, boolean namespaced,
                       List<String> shortNames, Set<String> subresources, Class<? extends HasMetadata> type) {
        this(group, version, kind, plural, singular, namespaced, shortNames, subresources, type, List.of());
    }

    /** {@code v1} for the core group, {@code group/version} otherwise, as in {@code apiVersion}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code plural} for the core group, {@code plural.group} otherwise, as Kubernetes names resources. */
    public String groupResource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** The kind of a list of these objects, e.g. {@code ServiceList}. */
    public String listKind() {
        return kind + "List";
    }

    public boolean hasStatus() {
        return subresources.contains("status");
    }
}
