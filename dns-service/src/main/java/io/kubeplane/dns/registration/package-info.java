/** The cluster DNS as a Service of the cluster: {@code kube-system/kube-dns} and its Endpoints. */
@NullMarked
package io.kubeplane.dns.registration;

import org.jspecify.annotations.NullMarked;
