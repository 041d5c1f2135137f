/**
 * Test fixtures: a PostgreSQL database of its own per test run, and an embedded Kafka broker.
 */
@NullMarked
package io.kubeplane.testsupport;

import org.jspecify.annotations.NullMarked;
