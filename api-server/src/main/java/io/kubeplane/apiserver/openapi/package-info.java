/**
 * The OpenAPI documents kubectl reads: {@code /openapi/v2} (Swagger 2.0, as JSON or as the gnostic
 * protobuf kubectl asks for) and {@code /openapi/v3} (an index and one OpenAPI 3.0 document per
 * group version), with Kubernetes' definition names, field descriptions and {@code x-kubernetes-*}
 * list and patch extensions, so that {@code kubectl apply} validates, {@code kubectl explain}
 * describes fields, and strategic merge patches are built as against kube-apiserver.
 *
 * <p>Everything but {@link io.kubeplane.apiserver.openapi.OpenApiController} is pure: built with
 * {@code new} from the fabric8 model classes, no Spring, no I/O beyond reading class files from the
 * class path.
 */
@NullMarked
package io.kubeplane.apiserver.openapi;

import org.jspecify.annotations.NullMarked;
