package io.kubeplane.ipam.controller;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Set;

/** Which pods ipam-service gives an IP. Pure. */
final class PodAddressing {

    private static final Set<String> FINISHED = Set.of("Succeeded", "Failed");

    private PodAddressing() {
    }

    /**
     * A pod needs an IP from its node's podCIDR when it is bound to a node, has none yet, uses the
     * pod network (a {@code hostNetwork} pod takes the node's address), and is neither being deleted
     * nor finished.
     */
    static boolean needsAddress(Pod pod) {
        if (pod.getSpec() == null || isBlank(pod.getSpec().getNodeName())
            || Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
            return false;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        if (pod.getStatus() == null) {
            return true;
        }
        return isBlank(pod.getStatus().getPodIP()) && !FINISHED.contains(pod.getStatus().getPhase());
    }

    /** The node a pod is bound to, or empty. */
    static String nodeName(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getNodeName() == null ? "" : pod.getSpec().getNodeName();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
