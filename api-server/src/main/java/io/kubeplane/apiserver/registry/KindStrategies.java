package io.kubeplane.apiserver.registry;

import io.kubeplane.model.ApiResource;
import io.kubeplane.model.ApiResources;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link KindStrategy} of every served kind, with the selectable fields kube-apiserver offers
 * for each (pods: {@code spec.nodeName}, {@code status.phase}, ...; events: {@code involvedObject.*}).
 * Pods, which alone have graceful deletion, have a class of their own ({@link PodStrategy}).
 * Immutable and thread-safe.
 */
public final class KindStrategies {

    private final Map<String, KindStrategy> byResource;

    public KindStrategies(List<KindStrategy> strategies) {
        this.byResource = strategies.stream()
                .collect(Collectors.toUnmodifiableMap(s -> s.resource().groupResource(), Function.identity()));
    }

    /** The strategies of the kinds in {@link ApiResources#SERVED}. */
    public static KindStrategies served() {
        return new KindStrategies(List.of(
                new Simple(ApiResources.NAMESPACES, List.of("status.phase"), false) {
                    @Override
                    public void prepareForCreate(ObjectNode object) {
                        object.putObject("status").put("phase", "Active");
                    }
                },
                new PodStrategy(),
                new Simple(ApiResources.SERVICES, List.of("spec.clusterIP", "spec.type"), false) {
                    @Override
                    public void prepareForCreate(ObjectNode object) {
                        object.putObject("status").putObject("loadBalancer");
                    }
                },
                new Simple(ApiResources.ENDPOINTS, List.of(), true),
                new Simple(ApiResources.NODES, List.of("spec.unschedulable"), true),
                new Simple(ApiResources.EVENTS, List.of("involvedObject.kind", "involvedObject.namespace",
                        "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
                        "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent",
                        "source", "type"), true),
                new Simple(ApiResources.ENDPOINT_SLICES, List.of(), true),
                new Simple(ApiResources.DEPLOYMENTS, List.of(), false),
                new Simple(ApiResources.REPLICA_SETS, List.of(), false),
                // A kubelet's first renewal creates its node's Lease with a PUT.
                new Simple(ApiResources.LEASES, List.of(), true)));
    }

    public KindStrategy forResource(ApiResource resource) {
        KindStrategy strategy = byResource.get(resource.groupResource());
        if (strategy == null) {
            throw new IllegalArgumentException("no strategy for " + resource.groupResource());
        }
        return strategy;
    }

    private static class Simple implements KindStrategy {
        private final ApiResource resource;
        private final List<String> fields;
        private final boolean createOnUpdate;

        Simple(ApiResource resource, List<String> fields, boolean createOnUpdate) {
            this.resource = resource;
            this.fields = List.copyOf(fields);
            this.createOnUpdate = createOnUpdate;
        }

        @Override
        public ApiResource resource() {
            return resource;
        }

        @Override
        public List<String> selectableFields() {
            return fields;
        }

        @Override
        public boolean allowCreateOnUpdate() {
            return createOnUpdate;
        }
    }
}
