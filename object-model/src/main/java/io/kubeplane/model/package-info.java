/**
 * Kubernetes object model: the kinds kubeplane serves, JSON/YAML mapping, defaulting and validation.
 */
@NullMarked
package io.kubeplane.model;

import org.jspecify.annotations.NullMarked;
