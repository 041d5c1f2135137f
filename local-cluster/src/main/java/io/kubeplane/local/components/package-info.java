/**
 * The components of the local cluster as Spring applications: which ones, with which settings
 * ({@link io.kubeplane.local.components.ClusterComponents}), and starting and stopping them in
 * order ({@link io.kubeplane.local.components.ComponentLauncher}).
 */
@NullMarked
package io.kubeplane.local.components;

import org.jspecify.annotations.NullMarked;
