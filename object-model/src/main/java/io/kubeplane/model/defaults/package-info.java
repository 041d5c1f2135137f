/**
 * Kubernetes' v1 defaulting for the served kinds ({@code pkg/apis/core/v1/defaults.go},
 * {@code pkg/apis/apps/v1/defaults.go} semantics). Entry point:
 * {@link io.kubeplane.model.defaults.Defaulting}.
 */
@NullMarked
package io.kubeplane.model.defaults;

import org.jspecify.annotations.NullMarked;
