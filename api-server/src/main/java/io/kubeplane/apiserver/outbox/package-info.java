/**
 * The outbox relay: publishes every committed write from the watch-event log to one log-compacted
 * Kafka topic per kind, in resource-version order, at least once; elected in PostgreSQL so that one
 * replica publishes at a time; re-publishes a kind's current state when the broker lost its topic.
 */
@NullMarked
package io.kubeplane.apiserver.outbox;

import org.jspecify.annotations.NullMarked;
