/**
 * The DNS server: queries over UDP and TCP on one port, answered from the cluster zone with
 * dnsjava's wire format.
 */
@NullMarked
package io.kubeplane.dns.server;

import org.jspecify.annotations.NullMarked;
