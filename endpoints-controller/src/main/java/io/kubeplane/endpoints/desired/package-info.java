/**
 * What a Service's Endpoints and EndpointSlices should hold, computed from the Service, its pods
 * and their nodes, with Kubernetes' rules (the endpoints and endpointslice controllers'). Pure: no
 * I/O, objects in, objects out.
 */
@NullMarked
package io.kubeplane.endpoints.desired;

import org.jspecify.annotations.NullMarked;
