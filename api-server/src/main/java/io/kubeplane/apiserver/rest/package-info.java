/**
 * The operations behind each REST verb — create, get, list, update, patch, delete — as
 * kube-apiserver's generic registry runs them: prepare, default, validate, then one store write,
 * retried from fresh state where Kubernetes retries.
 */
@NullMarked
package io.kubeplane.apiserver.rest;

import org.jspecify.annotations.NullMarked;
