/**
 * proxy-agent: Per-node service proxy (kube-proxy) and node agent.
 */
@NullMarked
package io.kubeplane.proxy;

import org.jspecify.annotations.NullMarked;
