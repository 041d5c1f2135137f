/**
 * Typed API client for kubeplane components (fabric8 kubernetes-client configured for the api-server).
 */
@NullMarked
package io.kubeplane.client;

import org.jspecify.annotations.NullMarked;
