/**
 * The Service visualizer at {@code /ui/}: its static page (public, like a login screen: it holds
 * no data), the security headers that keep the page from running anything it displays, and the
 * {@code /kubeplane/v1} views it reads besides the API itself — what the other components believe
 * (DNS explain, each node's rules and traces, "why is this pod not an endpoint") and a bounded
 * traffic probe against the cluster's own NodePorts and LoadBalancer IPs.
 */
@NullMarked
package io.kubeplane.apiserver.ui;

import org.jspecify.annotations.NullMarked;
