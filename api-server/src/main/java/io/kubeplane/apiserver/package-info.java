/**
 * api-server: Kubernetes-compatible REST object API over the PostgreSQL cluster store, with watches and the Kafka outbox relay.
 */
@NullMarked
package io.kubeplane.apiserver;

import org.jspecify.annotations.NullMarked;
