/**
 * The local cluster: every kubeplane component in one JVM, with an embedded Kafka broker and a
 * PostgreSQL server it finds, starts or embeds. {@link io.kubeplane.local.LocalCluster} is the entry
 * point; {@link io.kubeplane.local.LocalClusterSettings} is what a user can configure.
 */
@NullMarked
package io.kubeplane.local;

import org.jspecify.annotations.NullMarked;
