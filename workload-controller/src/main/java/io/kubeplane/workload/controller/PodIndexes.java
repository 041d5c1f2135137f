package io.kubeplane.workload.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** The pod indexes the workload controllers look up by, and the keys they queue. Pure. */
final class PodIndexes {

    /** Pods by the uid of their controlling owner. */
    static final String BY_CONTROLLER = "controller-uid";
    /** Pods by the node they are bound to. */
    static final String BY_NODE = "node";

    private PodIndexes() {
    }

    static List<String> controllerUid(Pod pod) {
        OwnerReference owner = controllerOf(pod);
        return owner == null ? List.of() : List.of(owner.getUid());
    }

    static List<String> nodeName(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return node == null || node.isEmpty() ? List.of() : List.of(node);
    }

    /** The owner reference marked {@code controller: true}, if any. */
    static OwnerReference controllerOf(Pod pod) {
        if (pod.getMetadata().getOwnerReferences() == null) {
            return null;
        }
        return pod.getMetadata().getOwnerReferences().stream()
                .filter(o -> Boolean.TRUE.equals(o.getController())).findFirst().orElse(null);
    }

    static String key(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return namespace == null || namespace.isEmpty() ? object.getMetadata().getName()
                : namespace + "/" + object.getMetadata().getName();
    }
}
