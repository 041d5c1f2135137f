/**
 * A real single-node Kafka broker (KRaft) run inside the JVM, for the local cluster and tests.
 */
@NullMarked
package io.kubeplane.kafka.embedded;

import org.jspecify.annotations.NullMarked;
