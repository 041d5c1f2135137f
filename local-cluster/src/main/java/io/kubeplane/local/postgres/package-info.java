/**
 * Finding a PostgreSQL server for the cluster store: the configured one, else an installed local
 * server that is stopped, else an embedded one. {@link io.kubeplane.local.postgres.PostgresChoice}
 * decides (pure); the other classes are the I/O adapters it decides between.
 */
@NullMarked
package io.kubeplane.local.postgres;

import org.jspecify.annotations.NullMarked;
