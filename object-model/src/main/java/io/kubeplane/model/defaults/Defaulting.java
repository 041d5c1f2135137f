package io.kubeplane.model.defaults;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

/**
 * Applies Kubernetes' defaults to served objects, as the v1 defaulters do when kube-apiserver
 * decodes a request: unset fields get the values Kubernetes would give them (Service type
 * ClusterIP, port protocol TCP, pod restart policy Always, Deployment replicas 1, ...). Fields
 * already set are never changed, so applying the defaults twice gives the same object.
 *
 * <p>Stateless and thread-safe, but mutates the object it is given: callers own that object. The
 * api-server calls it on every create and update before validating; kinds without defaults (Event)
 * come back unchanged.
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
            case Endpoints endpoints -> DiscoveryDefaults.apply(endpoints);
            case EndpointSlice slice -> DiscoveryDefaults.apply(slice);
            case Namespace namespace -> ClusterDefaults.apply(namespace);
            case Node node -> ClusterDefaults.apply(node);
            default -> {
            }
        }
        return obj;
    }
}
