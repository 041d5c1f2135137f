/**
 * The HTTP face of the api-server: Kubernetes REST paths, request bodies, {@code Status} errors,
 * watch streams, bearer-token authentication and the TLS listener.
 */
@NullMarked
package io.kubeplane.apiserver.http;

import org.jspecify.annotations.NullMarked;
