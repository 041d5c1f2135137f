/**
 * Wiring: the api-server's settings and the beans that connect storage, watches, operations,
 * HTTP and the outbox relay.
 */
@NullMarked
package io.kubeplane.apiserver.config;

import org.jspecify.annotations.NullMarked;
