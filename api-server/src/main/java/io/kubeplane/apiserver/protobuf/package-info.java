/**
 * Kubernetes protobuf request bodies ({@code application/vnd.kubernetes.protobuf}) turned into
 * the Kubernetes JSON the rest of the api-server works on. kubectl sends its typed calls
 * ({@code kubectl create namespace|service|deployment|...}) this way.
 *
 * <p>Pure code: no Spring, no I/O. The entry point is {@link ProtobufBodies#decode(byte[])}.
 */
@NullMarked
package io.kubeplane.apiserver.protobuf;

import org.jspecify.annotations.NullMarked;
