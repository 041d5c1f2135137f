/**
 * The Endpoints and EndpointSlice controllers: informers on Services, Pods, Nodes, Endpoints and
 * EndpointSlices feed per-Service work queues; each reconcile computes the desired objects
 * ({@link io.kubeplane.endpoints.desired}) and writes only what differs, through the api-server.
 */
@NullMarked
package io.kubeplane.endpoints.controller;

import org.jspecify.annotations.NullMarked;
