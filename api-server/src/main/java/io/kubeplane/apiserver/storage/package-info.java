/**
 * The cluster store in PostgreSQL: objects stored whole (JSONB) with indexed key columns, and the
 * watch-event log written in the same statement as each object. All SQL of the object store lives
 * here.
 */
@NullMarked
package io.kubeplane.apiserver.storage;

import org.jspecify.annotations.NullMarked;
