package io.kubeplane.workload.scheduling;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubeplane.workload.nodes.NodeHealth;
import java.util.Map;
import java.util.Optional;

/**
 * Why a node cannot take a pod, in kube-scheduler's words, or nothing when it can: the node must
 * be Ready and schedulable, carry every label of the pod's {@code nodeSelector}, and have no
 * NoSchedule or NoExecute taint the pod does not tolerate. Pure.
 */
public final class NodeFit {

    private NodeFit() {
    }

    /** The reason the node does not fit, as kube-scheduler counts them; empty when it fits. */
    public static Optional<String> misfit(Node node, Pod pod) {
        if (!NodeHealth.ready(node)) {
            return Optional.of("node(s) were not ready");
        }
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            return Optional.of("node(s) were unschedulable");
        }
        Map<String, String> selector = pod.getSpec().getNodeSelector();
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        if (selector != null && !selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return Optional.of("node(s) didn't match Pod's node affinity/selector");
        }
        if (node.getSpec() != null && node.getSpec().getTaints() != null) {
            for (Taint taint : node.getSpec().getTaints()) {
                if (("NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect())) && !tolerated(taint, pod)) {
                    return Optional.of("node(s) had untolerated taint {" + taint.getKey()
                                       + (taint.getValue() == null ? "" : ": " + taint.getValue()) + "}");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean tolerated(Taint taint, Pod pod) {
        if (pod.getSpec().getTolerations() == null) {
            return false;
        }
        for (Toleration toleration : pod.getSpec().getTolerations()) {
            boolean effect = toleration.getEffect() == null || toleration.getEffect().isEmpty()
                             || toleration.getEffect().equals(taint.getEffect());
            boolean key = toleration.getKey() == null || toleration.getKey().isEmpty()
                          ? "Exists".equals(toleration.getOperator())
                          : toleration.getKey().equals(taint.getKey());
            boolean value = "Exists".equals(toleration.getOperator())
                            || java.util.Objects.equals(nullToEmpty(toleration.getValue()), nullToEmpty(taint.getValue()));
            if (effect && key && value) {
                return true;
            }
        }
        return false;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
