/** kube-proxy's service health checks on health check node ports. */
@NullMarked
package io.kubeplane.proxy.health;

import org.jspecify.annotations.NullMarked;
