/**
 * What every kubeplane controller needs, in the shape of client-go's: a keyed {@link io.kubeplane.controller.WorkQueue}
 * with per-key backoff, {@link io.kubeplane.controller.ControllerLoop} workers that reconcile its keys, and an
 * {@link io.kubeplane.controller.EventRecorder} that reports what a controller did or could not do as v1 Events.
 */
@NullMarked
package io.kubeplane.controller;

import org.jspecify.annotations.NullMarked;
