/**
 * Create, update and delete rules per kind, pure: what a new object starts with, what an update may
 * change, generation and status handling, the fields a field selector can use, graceful deletion
 * and pod binding. No I/O.
 */
@NullMarked
package io.kubeplane.apiserver.registry;

import org.jspecify.annotations.NullMarked;
