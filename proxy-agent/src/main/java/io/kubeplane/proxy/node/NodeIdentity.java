package io.kubeplane.proxy.node;

import java.util.Objects;

/**
 * The node one agent stands for.
 *
 * @param name       the Node's name, e.g. {@code node-1}
 * @param internalIp its InternalIP, where its NodePorts listen, e.g. {@code 127.0.0.1}
 */
public record NodeIdentity(String name, String internalIp) {

    /** What the agent reports as its kubelet and kube-proxy version. */
    public static final String VERSION = "v1.32.0-kubeplane";

    public NodeIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(internalIp, "internalIp");
    }
}
