/**
 * Create and update rules per kind, pure: what a new object starts with, what an update may
 * change, generation and status handling, and the fields a field selector can use. No I/O.
 */
@NullMarked
package io.kubeplane.apiserver.registry;

import org.jspecify.annotations.NullMarked;
