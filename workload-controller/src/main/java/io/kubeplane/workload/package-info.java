/**
 * workload-controller: Deployments, scheduling and node lifecycle.
 */
@NullMarked
package io.kubeplane.workload;

import org.jspecify.annotations.NullMarked;
