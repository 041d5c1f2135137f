package io.kubeplane.workload.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** The indexes the workload controllers look objects up by, and the keys they queue. Pure. */
final class PodIndexes {

    /** Pods (and ReplicaSets) by the uid of their controlling owner. */
    static final String BY_CONTROLLER = "controller-uid";
    /** Pods by the node they are bound to. */
    static final String BY_NODE = "node";
    /**
     * Objects a controller may adopt, by namespace: those with no controlling owner, and pods a
     * Deployment controlled directly (as kubeplane's Deployments did before they had ReplicaSets).
     */
    static final String ADOPTABLE = "adoptable";

    private PodIndexes() {
    }

    static List<String> controllerUid(HasMetadata object) {
        OwnerReference owner = controllerOf(object);
        return owner == null ? List.of() : List.of(owner.getUid());
    }

    static List<String> nodeName(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return node == null || node.isEmpty() ? List.of() : List.of(node);
    }

    static List<String> adoptable(HasMetadata object) {
        OwnerReference owner = controllerOf(object);
        boolean adoptable = owner == null || (object instanceof Pod && "Deployment".equals(owner.getKind()));
        return adoptable ? List.of(String.valueOf(object.getMetadata().getNamespace())) : List.of();
    }

    /** The owner reference marked {@code controller: true}, if any. */
    static OwnerReference controllerOf(HasMetadata object) {
        if (object.getMetadata().getOwnerReferences() == null) {
            return null;
        }
        return object.getMetadata().getOwnerReferences().stream()
                .filter(o -> Boolean.TRUE.equals(o.getController())).findFirst().orElse(null);
    }

    static String key(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return namespace == null || namespace.isEmpty() ? object.getMetadata().getName()
                : namespace + "/" + object.getMetadata().getName();
    }
}
