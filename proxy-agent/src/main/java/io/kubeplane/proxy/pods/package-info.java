/**
 * The stand-ins for containers: {@link io.kubeplane.proxy.pods.PodResponders} answer on the
 * declared ports of the node's running pods, and {@link io.kubeplane.proxy.pods.PodNetwork} carries
 * other nodes' proxied streams to them, as a CNI tunnel would.
 */
@NullMarked
package io.kubeplane.proxy.pods;

import org.jspecify.annotations.NullMarked;
