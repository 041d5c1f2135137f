/**
 * The kernel data planes of the proxy-agent: they apply the rule texts of
 * {@code io.kubeplane.proxy.rules} to a node's network namespace with {@code nft} or
 * {@code iptables-restore}, fully on the first sync and by changes after. All I/O goes through
 * {@link io.kubeplane.proxy.kernel.CommandRunner}.
 */
@NullMarked
package io.kubeplane.proxy.kernel;

import org.jspecify.annotations.NullMarked;
