/**
 * What a new cluster starts with: the system namespaces.
 */
@NullMarked
package io.kubeplane.apiserver.bootstrap;

import org.jspecify.annotations.NullMarked;
