/**
 * Background collection, as kube-controller-manager's garbage collector and namespace controller
 * do it: dependents of a deleted owner are deleted, the content of a terminating namespace is
 * deleted and then the namespace itself.
 */
@NullMarked
package io.kubeplane.apiserver.gc;

import org.jspecify.annotations.NullMarked;
