/**
 * The cluster zone, per the Kubernetes DNS-Based Service Discovery specification (schema 1.1.0):
 * the records each Service and its EndpointSlices give, each with the object it came from, and the
 * lookup that answers a question with records, NODATA or NXDOMAIN and says why. Pure, apart from
 * the thread-safe {@link io.kubeplane.dns.zone.ClusterZone} that holds the current records.
 */
@NullMarked
package io.kubeplane.dns.zone;

import org.jspecify.annotations.NullMarked;
