package io.kubeplane.apiserver.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Autoscaling;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which protobuf message a body's apiVersion/kind names, from client-java-proto's descriptors:
 * <pre>
 *   v1               every message of core/v1 with ObjectMeta or ListMeta metadata
 *                    (Namespace, Service, Pod, Endpoints, Node, Event, ConfigMap, Secret, ...)
 *   apps/v1          likewise (Deployment, ReplicaSet, StatefulSet, DaemonSet, ...)
 *   autoscaling/v1   likewise (Scale, HorizontalPodAutoscaler, ...)
 *   meta.k8s.io/v1   likewise (PartialObjectMetadata, Status, List, ...)
 *   any apiVersion   DeleteOptions, CreateOptions, UpdateOptions, PatchOptions, GetOptions,
 *                    ListOptions: Kubernetes registers these meta/v1 kinds in every group version,
 *                    so a client names them with the apiVersion of the resource it calls
 * </pre>
 * client-java-proto 24 has no coordination.k8s.io/v1 or discovery.k8s.io/v1 messages, so Lease and
 * EndpointSlice bodies must come as JSON; a protobuf one is answered 415 Unsupported Media Type.
 * Immutable and thread-safe.
 */
final class ProtobufKinds {

    private static final Set<String> OPTIONS_KINDS =
            Set.of("DeleteOptions", "CreateOptions", "UpdateOptions", "PatchOptions", "GetOptions", "ListOptions");

    private static final String OBJECT_META = "k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private static final String LIST_META = "k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta";

    private static final Map<String, Map<String, Descriptor>> KINDS = build(Map.of(
            "v1", V1.getDescriptor(),
            "apps/v1", V1Apps.getDescriptor(),
            "autoscaling/v1", V1Autoscaling.getDescriptor(),
            "meta.k8s.io/v1", Meta.getDescriptor()));

    private static final Map<String, Descriptor> OPTIONS = optionsKinds(Meta.getDescriptor());

    private ProtobufKinds() {
    }

    /** The message of a kind, if this server can decode it. */
    static Optional<Descriptor> find(String apiVersion, String kind) {
        Descriptor object = KINDS.getOrDefault(apiVersion, Map.of()).get(kind);
        return Optional.ofNullable(object != null ? object : OPTIONS.get(kind));
    }

    /** apiVersion to the object kinds it has, sorted; the options kinds are left out. */
    static Map<String, Set<String>> objectKinds() {
        Map<String, Set<String>> kinds = new TreeMap<>();
        KINDS.forEach((apiVersion, byKind) -> kinds.put(apiVersion, Set.copyOf(byKind.keySet())));
        return kinds;
    }

    private static Map<String, Map<String, Descriptor>> build(Map<String, FileDescriptor> files) {
        Map<String, Map<String, Descriptor>> kinds = new LinkedHashMap<>();
        files.forEach((apiVersion, file) -> {
            Map<String, Descriptor> byKind = new LinkedHashMap<>();
            for (Descriptor message : file.getMessageTypes()) {
                if (hasObjectOrListMeta(message)) {
                    byKind.put(message.getName(), message);
                }
            }
            kinds.put(apiVersion, Map.copyOf(byKind));
        });
        return Map.copyOf(kinds);
    }

    private static boolean hasObjectOrListMeta(Descriptor message) {
        FieldDescriptor metadata = message.findFieldByName("metadata");
        if (metadata == null || metadata.isRepeated() || metadata.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            return false;
        }
        String type = metadata.getMessageType().getFullName();
        return type.equals(OBJECT_META) || type.equals(LIST_META);
    }

    private static Map<String, Descriptor> optionsKinds(FileDescriptor meta) {
        Map<String, Descriptor> options = new LinkedHashMap<>();
        for (String kind : OPTIONS_KINDS) {
            Descriptor message = meta.findMessageTypeByName(kind);
            if (message == null) {
                throw new IllegalStateException("client-java-proto has no meta/v1 " + kind);
            }
            options.put(kind, message);
        }
        return Map.copyOf(options);
    }
}
