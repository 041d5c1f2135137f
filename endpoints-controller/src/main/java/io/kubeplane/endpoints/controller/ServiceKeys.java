package io.kubeplane.endpoints.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.kubeplane.endpoints.desired.DesiredSlices;
import io.kubeplane.endpoints.desired.SlicePlan;
import io.kubeplane.informer.Indexer;
import io.kubeplane.informer.ResourceEventHandler;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns informer events into the keys ({@code namespace/name}) of the Services they concern: a
 * Service's own changes, a pod's changes for every Service of its namespace that selects it before
 * or after, and changes to a Service's Endpoints or EndpointSlices (someone else edited what the
 * controller writes). Each key's change time is noted for the trigger-time annotation.
 */
final class ServiceKeys {

    private final Indexer<Service> services;
    private final Consumer<String> enqueue;
    private final TriggerTimes triggers;
    private final Clock clock;

    ServiceKeys(Indexer<Service> services, Consumer<String> enqueue, TriggerTimes triggers, Clock clock) {
        this.services = services;
        this.enqueue = enqueue;
        this.triggers = triggers;
        this.clock = clock;
    }

    static String key(HasMetadata object) {
        return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }

    private void changed(String key) {
        triggers.changed(key, clock.instant());
        enqueue.accept(key);
    }

    ResourceEventHandler<Service> forServices() {
        return ResourceEventHandler.onAnyChange(service -> changed(key(service)));
    }

    ResourceEventHandler<Pod> forPods() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                selecting(pod, null).forEach(ServiceKeys.this::changed);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                selecting(newPod, oldPod).forEach(ServiceKeys.this::changed);
            }

            @Override
            public void onDelete(Pod pod) {
                selecting(pod, null).forEach(ServiceKeys.this::changed);
            }
        };
    }

    /** The index of pods by the node they are bound to. */
    static final String PODS_BY_NODE = "node";

    static List<String> nodeOf(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return node == null || node.isEmpty() ? List.of() : List.of(node);
    }

    /**
     * A node whose zone appears or changes: the Services of its pods, whose slice endpoints carry
     * the zone. {@code pods} must have the {@value #PODS_BY_NODE} index.
     */
    ResourceEventHandler<Node> forNodes(Indexer<Pod> pods) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                if (zone(node) != null) {
                    servicesOn(node);
                }
            }

            @Override
            public void onUpdate(Node oldNode, Node newNode) {
                if (!Objects.equals(zone(oldNode), zone(newNode))) {
                    servicesOn(newNode);
                }
            }

            @Override
            public void onDelete(Node node) {
                if (zone(node) != null) {
                    servicesOn(node);
                }
            }

            private void servicesOn(Node node) {
                Set<String> keys = new LinkedHashSet<>();
                for (Pod pod : pods.byIndex(PODS_BY_NODE, node.getMetadata().getName())) {
                    SelectorIndexes.selecting(services, pod).forEach(s -> keys.add(key(s)));
                }
                keys.forEach(ServiceKeys.this::changed);
            }
        };
    }

    private static String zone(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        return labels == null ? null : labels.get(DesiredSlices.ZONE_LABEL);
    }

    /** Follows objects named after their Service (Endpoints) or labelled with it (EndpointSlices). */
    <T extends HasMetadata> ResourceEventHandler<T> forOwnedObjects() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                // Seeing what was written is no reason to write again; a change or removal is.
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                enqueue.accept(serviceKeyOf(newObj));
            }

            @Override
            public void onDelete(T obj) {
                enqueue.accept(serviceKeyOf(obj));
            }
        };
    }

    /** Every change of an Endpoints object, the controller's own writes included: users write these. */
    <T extends HasMetadata> ResourceEventHandler<T> forMirroredEndpoints() {
        return ResourceEventHandler.onAnyChange(endpoints -> enqueue.accept(key(endpoints)));
    }

    static String serviceKeyOf(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        String service = labels == null ? null : labels.get(SlicePlan.SERVICE_NAME_LABEL);
        return object.getMetadata().getNamespace() + "/" + (service == null ? object.getMetadata().getName() : service);
    }

    private Set<String> selecting(Pod pod, Pod old) {
        Set<String> keys = new LinkedHashSet<>();
        SelectorIndexes.selecting(services, pod).forEach(s -> keys.add(key(s)));
        if (old != null) {
            SelectorIndexes.selecting(services, old).forEach(s -> keys.add(key(s)));
        }
        return keys;
    }
}
