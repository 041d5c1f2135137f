/**
 * Pure renderers from a node's {@link io.kubeplane.proxy.desired.ProxyState} to the text each
 * kernel data plane applies, in kube-proxy's shape: {@code iptables-restore} input
 * ({@link io.kubeplane.proxy.rules.IptablesRules}), {@code nft -f} transactions
 * ({@link io.kubeplane.proxy.rules.NftablesRules}), IPVS virtual servers
 * ({@link io.kubeplane.proxy.rules.IpvsRules}), and a packet trace through those rules
 * ({@link io.kubeplane.proxy.rules.PacketTrace}). No I/O, no exec: the {@code kernel} data planes
 * apply what these render.
 */
@NullMarked
package io.kubeplane.proxy.rules;

import org.jspecify.annotations.NullMarked;
