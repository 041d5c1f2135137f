package io.kubeplane.model.defaults;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

/**
 * Applies Kubernetes' defaults to served objects, as the v1 defaulters do when kube-apiserver
 * decodes a request: unset fields get the values Kubernetes would give them (Service type
 * ClusterIP, port protocol TCP, pod restart policy Always, Deployment replicas 1, ...). Fields
 * already set are never changed, so applying the defaults twice gives the same object.
 *
 * <p>Stateless and thread-safe, but mutates the object it is given: callers own that object. The
 * api-server calls {@link #apply} on creates and {@link #applyForUpdate} on updates, before
 * {@link io.kubeplane.model.validation.Validation}; kinds without defaults (Event) come back unchanged.
 */
public final class Defaulting {

    private Defaulting() {
    }

    /** Applies the defaults of the object's kind in place and returns the same object. */
    public static <T extends HasMetadata> T apply(T obj) {
        switch (obj) {
            case Service service -> ServiceDefaults.apply(service);
            case Pod pod -> PodDefaults.apply(pod);
            case Deployment deployment -> WorkloadDefaults.apply(deployment);
            case ReplicaSet replicaSet -> WorkloadDefaults.apply(replicaSet);
            case Endpoints endpoints -> DiscoveryDefaults.apply(endpoints);
            case EndpointSlice slice -> DiscoveryDefaults.apply(slice);
            case Namespace namespace -> ClusterDefaults.apply(namespace);
            case Node node -> ClusterDefaults.apply(node);
            default -> {
            }
        }
        return obj;
    }

    /**
     * Applies the defaults to an object replacing {@code old}, then what kube-apiserver's update
     * strategies take from the stored object so that clients need not read before they write. For
     * Services: cluster IPs, NodePorts and health-check port the client left out keep their
     * allocated values, a client that only sends the singular {@code clusterIP} keeps
     * {@code clusterIPs}, and a type change drops the fields the new type has no use for (see
     * {@code ServiceUpdates}). Other kinds get {@link #apply}. Returns {@code obj}, changed in place;
     * {@code old} is not changed.
     */
    public static <T extends HasMetadata> T applyForUpdate(T obj, T old) {
        if (obj instanceof Service service && old instanceof Service oldService) {
            ServiceDefaults.applyDefaults(service);
            ServiceUpdates.carryOver(service, oldService);
            return obj;
        }
        return apply(obj);
    }
}
