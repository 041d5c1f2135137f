/**
 * The api-server's side of address management: asking ipam-service for a Service's cluster IPs and
 * NodePorts before the Service is stored, giving them back when it no longer holds them, and
 * forwarding reads of the ServiceCIDR and IPAddress views.
 */
@NullMarked
package io.kubeplane.apiserver.ipam;

import org.jspecify.annotations.NullMarked;
