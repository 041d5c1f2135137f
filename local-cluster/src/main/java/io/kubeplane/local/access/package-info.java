/**
 * How a user reaches the local cluster: the admin bearer token (kept in the api-server's token
 * file) and the kubeconfig that carries it with the cluster CA.
 */
@NullMarked
package io.kubeplane.local.access;

import org.jspecify.annotations.NullMarked;
