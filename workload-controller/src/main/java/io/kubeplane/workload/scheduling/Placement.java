package io.kubeplane.workload.scheduling;

import org.jspecify.annotations.Nullable;

/**
 * Where a pod goes, or why it cannot go anywhere yet.
 *
 * @param node    the chosen node; null when none fits
 * @param message when no node fits, kube-scheduler's explanation, e.g.
 *                {@code 0/2 nodes are available: 2 node(s) were not ready.}
 */
public record Placement(@Nullable String node, String message) {

    public static Placement on(String node) {
        return new Placement(node, "");
    }

    public boolean placed() {
        return node != null;
    }
}
