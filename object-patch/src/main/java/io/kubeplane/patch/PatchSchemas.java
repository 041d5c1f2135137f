package io.kubeplane.patch;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The strategic-merge-patch schemas of the kinds kubeplane serves, transcribed from the
 * {@code patchStrategy}/{@code patchMergeKey} struct tags of {@code k8s.io/api} ({@code core/v1},
 * {@code apps/v1}, {@code discovery/v1}, {@code networking/v1}) and {@code metav1.ObjectMeta}.
 *
 * <p>Only tagged fields appear. Untagged lists are atomic and replaced by a patch, which surprises
 * people for some of them — these are deliberately absent, as in Kubernetes:
 * <pre>
 *   Pod         spec.tolerations, status.containerStatuses, status.initContainerStatuses
 *   Node        spec.taints
 *   Endpoints   subsets (and their addresses and ports)
 *   EndpointSlice  endpoints, ports
 *   Service     spec.clusterIPs, spec.externalIPs, status.loadBalancer.ingress
 * </pre>
 *
 * <p>Stateless and thread-safe. The api-server calls {@link #forKind} for {@code PATCH} requests
 * with {@code application/strategic-merge-patch+json}.
 */
public final class PatchSchemas {

    /** {@code metav1.ObjectMeta}: owners merged by uid, finalizers as a set. */
    public static final PatchSchema OBJECT_META = PatchSchema.builder()
            .mergeList("ownerReferences", "uid")
            .mergeSet("finalizers")
            .build();

    /** {@code conditions} merged by {@code type}, the shape of every status with conditions. */
    private static final PatchSchema STATUS_WITH_CONDITIONS = PatchSchema.builder()
            .mergeList("conditions", "type")
            .build();

    /** {@code core/v1.Container}, also {@code EphemeralContainerCommon}. */
    public static final PatchSchema CONTAINER = PatchSchema.builder()
            .mergeList("ports", "containerPort")
            .mergeList("env", "name")
            .mergeList("volumeMounts", "mountPath")
            .mergeList("volumeDevices", "devicePath")
            .build();

    /** {@code core/v1.PodSpec}; {@code tolerations} is untagged and replaced whole. */
    public static final PatchSchema POD_SPEC = PatchSchema.builder()
            .mergeListRetainingKeys("volumes", "name")
            .mergeList("initContainers", "name", CONTAINER)
            .mergeList("containers", "name", CONTAINER)
            .mergeList("ephemeralContainers", "name", CONTAINER)
            .mergeList("imagePullSecrets", "name")
            .mergeList("hostAliases", "ip")
            .mergeList("topologySpreadConstraints", "topologyKey")
            .mergeList("schedulingGates", "name")
            .mergeListRetainingKeys("resourceClaims", "name")
            .build();

    /** {@code core/v1.PodStatus}; the container status lists are untagged and replaced whole. */
    public static final PatchSchema POD_STATUS = PatchSchema.builder()
            .mergeList("conditions", "type")
            .mergeList("hostIPs", "ip")
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

    /** v1 Service: {@code spec.ports} merged by {@code port}. */
    public static final PatchSchema SERVICE = object(
            PatchSchema.builder().mergeList("ports", "port").build(),
            STATUS_WITH_CONDITIONS);

    /** v1 Endpoints: {@code subsets} is atomic. */
    public static final PatchSchema ENDPOINTS = object(PatchSchema.none(), PatchSchema.none());

    /** v1 Node: {@code spec.podCIDRs} as a set, conditions and addresses by {@code type}; taints atomic. */
    public static final PatchSchema NODE = object(
            PatchSchema.builder().mergeSet("podCIDRs").build(),
            PatchSchema.builder().mergeList("conditions", "type").mergeList("addresses", "type").build());

    /** v1 Namespace. */
    public static final PatchSchema NAMESPACE = object(PatchSchema.none(), STATUS_WITH_CONDITIONS);

    /** v1 Event, discovery.k8s.io/v1 EndpointSlice and the other kinds with only metadata tags. */
    public static final PatchSchema METADATA_ONLY = object(PatchSchema.none(), PatchSchema.none());

    /** apps/v1 Deployment: {@code spec.strategy} is {@code retainKeys}, the template a pod template. */
    public static final PatchSchema DEPLOYMENT = object(
            PatchSchema.builder()
                    .retainKeys("strategy", PatchSchema.none())
                    .field("template", POD_TEMPLATE_SPEC)
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
            Map.entry("v1/Event", METADATA_ONLY),
            Map.entry("discovery.k8s.io/v1/EndpointSlice", METADATA_ONLY),
            Map.entry("apps/v1/Deployment", DEPLOYMENT),
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
