/**
 * Validation of the served kinds, following Kubernetes' own rules ({@code pkg/apis/core/validation},
 * {@code pkg/apis/apps/validation}, {@code pkg/apis/discovery/validation}): every problem is
 * reported as a {@link io.kubeplane.model.validation.FieldError} with its field path, never only
 * the first. Entry point: {@link io.kubeplane.model.validation.Validation}.
 *
 * <p>Pure code: no I/O, no framework; every class is stateless or immutable and thread-safe.
 */
@NullMarked
package io.kubeplane.model.validation;

import org.jspecify.annotations.NullMarked;
