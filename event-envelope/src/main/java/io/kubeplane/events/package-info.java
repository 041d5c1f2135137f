/**
 * The watch-event envelope carried on Kafka topics, topic names and keys.
 */
@NullMarked
package io.kubeplane.events;

import org.jspecify.annotations.NullMarked;
