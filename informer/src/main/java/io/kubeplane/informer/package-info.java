/**
 * Kafka-backed informer: a cache built from log-compacted topics, with indexes, handlers and a synced signal.
 */
@NullMarked
package io.kubeplane.informer;

import org.jspecify.annotations.NullMarked;
