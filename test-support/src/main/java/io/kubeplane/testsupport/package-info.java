/**
 * Test fixtures shared by the integration tests: a PostgreSQL database of its own per test run.
 */
@NullMarked
package io.kubeplane.testsupport;

import org.jspecify.annotations.NullMarked;
