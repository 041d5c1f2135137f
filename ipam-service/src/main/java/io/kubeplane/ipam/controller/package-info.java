/**
 * ipam-service's controllers: they follow Nodes, Pods and Services from the event stream and give
 * nodes their podCIDRs, pods their IPs and LoadBalancer Services their ingress IPs, writing them
 * through the api-server, and a repair loop that reconciles the allocation table with the objects.
 */
@NullMarked
package io.kubeplane.ipam.controller;

import org.jspecify.annotations.NullMarked;
