/**
 * The informer engine: the event-source port and its Kafka adapter, the versioned object table,
 * the indexed cache readers see, and the dispatcher that calls handlers.
 */
@NullMarked
package io.kubeplane.informer.impl;

import org.jspecify.annotations.NullMarked;
