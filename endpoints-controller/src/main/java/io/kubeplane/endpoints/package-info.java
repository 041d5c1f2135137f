/**
 * endpoints-controller: Endpoints and EndpointSlice reconciler.
 */
@NullMarked
package io.kubeplane.endpoints;

import org.jspecify.annotations.NullMarked;
