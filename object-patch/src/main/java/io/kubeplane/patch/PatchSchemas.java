package io.kubeplane.patch;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The patch schemas of the kinds kubeplane serves, transcribed from {@code k8s.io/api}
 * ({@code core/v1}, {@code apps/v1}, {@code discovery/v1}, {@code networking/v1}) and
 * {@code metav1.ObjectMeta}: the {@code patchStrategy}/{@code patchMergeKey} struct tags that
 * strategic merge patch reads, and the {@code +listType}/{@code +listMapKey}/{@code +mapType}/
 * {@code +structType} markers (and key {@code +default}s) that server-side apply reads.
 *
 * <p>Only tagged or marked fields appear. Untagged lists are atomic and replaced by a patch, which
 * surprises people for some of them — these are deliberately absent, as in Kubernetes:
 * <pre>
 *   Pod         spec.tolerations, status.containerStatuses, status.initContainerStatuses
 *   Node        spec.taints
 *   Endpoints   subsets (and their addresses and ports)
 *   EndpointSlice  endpoints, ports
 *   Service     spec.clusterIPs, spec.externalIPs, status.loadBalancer.ingress
 * </pre>
 * Where server-side apply and strategic merge patch disagree, both are written down:
 * <pre>
 *   field                         strategic merge patch     server-side apply
 *   Service spec.ports            merge by port             map keyed by port, protocol (default TCP)
 *   Container ports               merge by containerPort    map keyed by containerPort, protocol (default TCP)
 *   PodSpec topologySpreadConstraints  merge by topologyKey map keyed by topologyKey, whenUnsatisfiable
 *   Pod status.hostIPs            merge by ip               atomic
 *   Service spec.selector         map merged key by key     atomic map
 *   Deployment spec.selector      map merged key by key     atomic struct (LabelSelector)
 * </pre>
 *
 * <p>Stateless and thread-safe. The api-server calls {@link #forKind} for {@code PATCH} requests
 * with {@code application/strategic-merge-patch+json}; server-side apply looks the schema up the same way.
 */
public final class PatchSchemas {

    /**
     * {@code metav1.ObjectMeta}: owners merged by uid, finalizers as a set; labels and annotations are
     * granular maps, {@code managedFields} atomic.
     */
    public static final PatchSchema OBJECT_META = PatchSchema.builder()
            .objectType("labels", ObjectType.MAP)
            .objectType("annotations", ObjectType.MAP)
            .mergeList("ownerReferences", "uid")
            .mergeSet("finalizers")
            .build();

    /** {@code core/v1.EnvVarSource}: every reference is an atomic struct. */
    private static final PatchSchema ENV_VAR_SOURCE = PatchSchema.builder()
            .objectType("fieldRef", ObjectType.ATOMIC)
            .objectType("resourceFieldRef", ObjectType.ATOMIC)
            .objectType("configMapKeyRef", ObjectType.ATOMIC)
            .objectType("secretKeyRef", ObjectType.ATOMIC)
            .objectType("fileKeyRef", ObjectType.ATOMIC)
            .build();

    /** {@code protocol} of a Service or container port: {@code +default="TCP"}. */
    private static final String PROTOCOL = "protocol";

    /** {@code conditions} merged by {@code type}, the shape of every status with conditions. */
    private static final PatchSchema STATUS_WITH_CONDITIONS = PatchSchema.builder()
            .mergeList("conditions", "type")
            .build();

    /** {@code core/v1.Container}, also {@code EphemeralContainerCommon}. */
    public static final PatchSchema CONTAINER = PatchSchema.builder()
            .mergeList("ports", "containerPort")
            .listType("ports", ListType.map("containerPort", PROTOCOL).withKeyDefault(PROTOCOL, "TCP"))
            .mergeList("env", "name", PatchSchema.builder().field("valueFrom", ENV_VAR_SOURCE).build())
            .mergeList("volumeMounts", "mountPath")
            .mergeList("volumeDevices", "devicePath")
            .field("resources", PatchSchema.builder().listType("claims", ListType.map("name")).build())
            .build();

    /**
     * {@code core/v1.PodSpec}; {@code tolerations} is untagged and replaced whole, {@code nodeSelector}
     * and a node affinity's required selector are atomic, image pull secrets atomic references.
     */
    public static final PatchSchema POD_SPEC = PatchSchema.builder()
            .mergeListRetainingKeys("volumes", "name")
            .mergeList("initContainers", "name", CONTAINER)
            .mergeList("containers", "name", CONTAINER)
            .mergeList("ephemeralContainers", "name", CONTAINER)
            .mergeList("imagePullSecrets", "name")
            // LocalObjectReference: +structType=atomic, name +default=""
            .listType("imagePullSecrets", ListType.map("name").withKeyDefault("name", ""))
            .objectType("imagePullSecrets", ObjectType.ATOMIC)
            .mergeList("hostAliases", "ip")
            .mergeList("topologySpreadConstraints", "topologyKey")
            .listType("topologySpreadConstraints", ListType.map("topologyKey", "whenUnsatisfiable"))
            .mergeList("schedulingGates", "name")
            .mergeListRetainingKeys("resourceClaims", "name")
            .objectType("nodeSelector", ObjectType.ATOMIC)
            .field("affinity", PatchSchema.builder()
                    .field("nodeAffinity", PatchSchema.builder()
                            .objectType("requiredDuringSchedulingIgnoredDuringExecution", ObjectType.ATOMIC)
                            .build())
                    .build())
            .build();

    /**
     * {@code core/v1.PodStatus}; the container status lists are untagged and replaced whole, and
     * {@code hostIPs}, though merged by {@code ip}, is {@code +listType=atomic}.
     */
    public static final PatchSchema POD_STATUS = PatchSchema.builder()
            .mergeList("conditions", "type")
            .mergeList("hostIPs", "ip")
            .listType("hostIPs", ListType.ATOMIC)
            .mergeList("podIPs", "ip")
            .mergeListRetainingKeys("resourceClaimStatuses", "name")
            .build();

    /** {@code core/v1.PodTemplateSpec}, wherever a pod template appears. */
    public static final PatchSchema POD_TEMPLATE_SPEC = PatchSchema.builder()
            .field("metadata", OBJECT_META)
            .field("spec", POD_SPEC)
            .build();

    /** v1 Pod. */
    public static final PatchSchema POD = object(POD_SPEC, POD_STATUS);

    /**
     * v1 Service: {@code spec.ports} merged by {@code port}, owned by {@code port} and {@code protocol};
     * {@code spec.selector} an atomic map.
     */
    public static final PatchSchema SERVICE = object(
            PatchSchema.builder()
                    .mergeList("ports", "port")
                    .listType("ports", ListType.map("port", PROTOCOL).withKeyDefault(PROTOCOL, "TCP"))
                    .objectType("selector", ObjectType.ATOMIC)
                    .build(),
            STATUS_WITH_CONDITIONS);

    /** v1 Endpoints: {@code subsets} is atomic. */
    public static final PatchSchema ENDPOINTS = object(PatchSchema.none(), PatchSchema.none());

    /** v1 Node: {@code spec.podCIDRs} as a set, conditions and addresses by {@code type}; taints atomic. */
    public static final PatchSchema NODE = object(
            PatchSchema.builder().mergeSet("podCIDRs").build(),
            PatchSchema.builder().mergeList("conditions", "type").mergeList("addresses", "type").build());

    /** v1 Namespace. */
    public static final PatchSchema NAMESPACE = object(PatchSchema.none(), STATUS_WITH_CONDITIONS);

    /** discovery.k8s.io/v1 EndpointSlice, networking.k8s.io/v1 IPAddress and the other kinds with only metadata tags. */
    public static final PatchSchema METADATA_ONLY = object(PatchSchema.none(), PatchSchema.none());

    /** v1 Event: the object references are atomic structs ({@code core/v1.ObjectReference}). */
    public static final PatchSchema EVENT = PatchSchema.builder()
            .field("metadata", OBJECT_META)
            .objectType("involvedObject", ObjectType.ATOMIC)
            .objectType("related", ObjectType.ATOMIC)
            .build();

    /**
     * apps/v1 Deployment: {@code spec.strategy} is {@code retainKeys}, the template a pod template, the
     * selector an atomic {@code metav1.LabelSelector}.
     */
    public static final PatchSchema DEPLOYMENT = object(
            PatchSchema.builder()
                    .retainKeys("strategy", PatchSchema.none())
                    .field("template", POD_TEMPLATE_SPEC)
                    .objectType("selector", ObjectType.ATOMIC)
                    .build(),
            STATUS_WITH_CONDITIONS);

    /** apps/v1 ReplicaSet: the Deployment's template and atomic selector, conditions merged by type. */
    public static final PatchSchema REPLICA_SET = object(
            PatchSchema.builder()
                    .field("template", POD_TEMPLATE_SPEC)
                    .objectType("selector", ObjectType.ATOMIC)
                    .build(),
            STATUS_WITH_CONDITIONS);

    /** networking.k8s.io/v1 ServiceCIDR. */
    public static final PatchSchema SERVICE_CIDR = object(PatchSchema.none(), STATUS_WITH_CONDITIONS);

    private static final Map<String, PatchSchema> BY_KIND = Map.ofEntries(
            Map.entry("v1/Pod", POD),
            Map.entry("v1/Service", SERVICE),
            Map.entry("v1/Endpoints", ENDPOINTS),
            Map.entry("v1/Node", NODE),
            Map.entry("v1/Namespace", NAMESPACE),
            Map.entry("v1/Event", EVENT),
            Map.entry("discovery.k8s.io/v1/EndpointSlice", METADATA_ONLY),
            Map.entry("apps/v1/Deployment", DEPLOYMENT),
            Map.entry("apps/v1/ReplicaSet", REPLICA_SET),
            Map.entry("autoscaling/v1/Scale", METADATA_ONLY),
            Map.entry("networking.k8s.io/v1/ServiceCIDR", SERVICE_CIDR),
            Map.entry("networking.k8s.io/v1/IPAddress", METADATA_ONLY));

    private PatchSchemas() {
    }

    /**
     * @param apiVersion e.g. {@code v1}, {@code apps/v1}
     * @param kind e.g. {@code Service}
     * @return the kind's schema; {@link PatchSchema#none()} for a kind kubeplane does not know, which
     *     makes strategic merge patch behave like JSON merge patch (lists replaced)
     */
    public static PatchSchema forKind(String apiVersion, String kind) {
        return BY_KIND.getOrDefault(apiVersion + "/" + kind, PatchSchema.none());
    }

    /**
     * @param object a Kubernetes object with {@code apiVersion} and {@code kind}
     * @return its kind's schema, as {@link #forKind}; {@link PatchSchema#none()} if it names no kind
     */
    public static PatchSchema forObject(JsonNode object) {
        return forKind(object.path("apiVersion").asString(""), object.path("kind").asString(""));
    }

    private static PatchSchema object(PatchSchema spec, PatchSchema status) {
        return PatchSchema.builder()
                .field("metadata", OBJECT_META)
                .field("spec", spec)
                .field("status", status)
                .build();
    }
}
