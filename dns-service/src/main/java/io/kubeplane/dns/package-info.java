/**
 * dns-service: Cluster DNS for Services and Pods.
 */
@NullMarked
package io.kubeplane.dns;

import org.jspecify.annotations.NullMarked;
