/**
 * Server-side apply as kube-apiserver does it with structured-merge-diff: field sets and their
 * {@code FieldsV1} encoding ({@link io.kubeplane.patch.apply.FieldSet}), {@code metadata.managedFields}
 * ({@link io.kubeplane.patch.apply.ManagedFields}), ownership on every write, and the apply merge with
 * its conflicts ({@link io.kubeplane.patch.apply.ServerSideApply}).
 *
 * <p>Pure code over Jackson trees; the list and map semantics of each kind come from
 * {@link io.kubeplane.patch.PatchSchemas}.
 */
@NullMarked
package io.kubeplane.patch.apply;

import org.jspecify.annotations.NullMarked;
