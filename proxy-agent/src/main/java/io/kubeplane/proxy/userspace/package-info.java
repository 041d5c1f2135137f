/**
 * {@code --mode userspace}: service traffic carried by a TCP/UDP proxy in the agent, on Netty. The
 * {@link io.kubeplane.proxy.userspace.UserspaceDataPlane} listens on every service address it can
 * bind, picks an endpoint per connection and reaches it through an
 * {@link io.kubeplane.proxy.userspace.EndpointConnector}.
 */
@NullMarked
package io.kubeplane.proxy.userspace;

import org.jspecify.annotations.NullMarked;
