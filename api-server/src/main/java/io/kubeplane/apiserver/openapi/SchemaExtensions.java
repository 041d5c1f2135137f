package io.kubeplane.apiserver.openapi;

import static io.kubeplane.apiserver.openapi.DefinitionNames.CORE;
import static io.kubeplane.apiserver.openapi.DefinitionNames.META;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code x-kubernetes-*} extensions of the types the served kinds reach, transcribed from the
 * markers and struct tags of {@code k8s.io/api} and {@code k8s.io/apimachinery} v1.32, as
 * kube-openapi turns them into the spec:
 * <pre>
 *   // +listType=map                          x-kubernetes-list-type: map
 *   // +listMapKey=port                       x-kubernetes-list-map-keys: [port, protocol]
 *   // +listMapKey=protocol
 *   Ports []ServicePort `patchStrategy:"merge" patchMergeKey:"port"`
 *                                             x-kubernetes-patch-strategy: merge
 *                                             x-kubernetes-patch-merge-key: port
 *   // +mapType=atomic  (on a struct or map)  x-kubernetes-map-type: atomic
 * </pre>
 * A list without a marker has no extension (strategic merge patch replaces it whole, server-side
 * apply treats it as atomic). The merge keys agree with {@code io.kubeplane.patch.PatchSchemas},
 * which applies them on the server.
 *
 * <p>Immutable and thread-safe; read by {@link SwaggerDefinitions}.
 */
final class SchemaExtensions {

    private static final String APPS = "io.k8s.api.apps.v1.";
    private static final String DISCOVERY = "io.k8s.api.discovery.v1.";
    private static final String NETWORKING = "io.k8s.api.networking.v1.";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, ObjectNode> types = new HashMap<>();
    private final Map<String, ObjectNode> properties = new HashMap<>();

    /** The extensions of Kubernetes v1.32. */
    static final SchemaExtensions KUBERNETES = kubernetes();

    private SchemaExtensions() {
    }

    private static SchemaExtensions kubernetes() {
        SchemaExtensions x = new SchemaExtensions();
        // meta/v1
        x.atomicStruct(META + "LabelSelector").atomic(META + "LabelSelector", "matchExpressions");
        x.atomic(META + "LabelSelectorRequirement", "values");
        x.atomic(META + "ObjectMeta", "managedFields");
        x.mergedSet(META + "ObjectMeta", "finalizers");
        x.mergedMap(META + "ObjectMeta", "ownerReferences", "uid");
        x.atomicStruct(META + "OwnerReference");
        x.atomic(META + "StatusDetails", "causes");
        // Status.details is a struct, yet carries +listType=atomic in Kubernetes' spec.
        x.atomic(META + "Status", "details");
        x.atomic(META + "DeleteOptions", "dryRun");

        // core/v1: Service, Endpoints, Namespace, Node, Event
        x.atomic(CORE + "ServiceSpec", "clusterIPs", "externalIPs", "ipFamilies", "loadBalancerSourceRanges");
        x.mergedMap(CORE + "ServiceSpec", "ports", "port", "protocol");
        x.atomicMap(CORE + "ServiceSpec", "selector");
        x.mergedMap(CORE + "ServiceStatus", "conditions", "type");
        x.atomic(CORE + "LoadBalancerStatus", "ingress");
        x.atomic(CORE + "LoadBalancerIngress", "ports");
        x.atomic(CORE + "Endpoints", "subsets");
        x.atomic(CORE + "EndpointSubset", "addresses", "notReadyAddresses", "ports");
        x.atomicStruct(CORE + "EndpointAddress").atomicStruct(CORE + "EndpointPort");
        x.atomic(CORE + "NamespaceSpec", "finalizers");
        x.mergedMap(CORE + "NamespaceStatus", "conditions", "type");
        x.atomic(CORE + "NodeSpec", "taints");
        x.mergedSet(CORE + "NodeSpec", "podCIDRs");
        x.atomic(CORE + "NodeStatus", "images", "runtimeHandlers", "volumesAttached", "volumesInUse");
        x.mergedMap(CORE + "NodeStatus", "addresses", "type");
        x.mergedMap(CORE + "NodeStatus", "conditions", "type");
        x.atomic(CORE + "ContainerImage", "names");
        x.atomicStruct(CORE + "ObjectReference").atomicStruct(CORE + "LocalObjectReference")
                .atomicStruct(CORE + "TypedLocalObjectReference");

        // core/v1: Pod
        x.atomic(CORE + "PodSpec", "readinessGates", "tolerations");
        for (String containers : List.of("containers", "initContainers", "ephemeralContainers", "imagePullSecrets",
                "schedulingGates")) {
            x.mergedMap(CORE + "PodSpec", containers, "name");
        }
        x.mergedMap(CORE + "PodSpec", "hostAliases", "ip");
        x.mergedMap(CORE + "PodSpec", "topologySpreadConstraints", "topologyKey", "whenUnsatisfiable");
        x.mergedMapRetainingKeys(CORE + "PodSpec", "volumes", "name");
        x.mergedMapRetainingKeys(CORE + "PodSpec", "resourceClaims", "name");
        x.atomicMap(CORE + "PodSpec", "nodeSelector");
        x.atomic(CORE + "PodStatus", "containerStatuses", "ephemeralContainerStatuses", "initContainerStatuses");
        x.mergedMap(CORE + "PodStatus", "conditions", "type");
        x.mergedMap(CORE + "PodStatus", "podIPs", "ip");
        x.mergedMapRetainingKeys(CORE + "PodStatus", "resourceClaimStatuses", "name");
        // hostIPs keeps the merge tags of podIPs but was declared atomic.
        x.property(CORE + "PodStatus", "hostIPs").put("x-kubernetes-list-type", "atomic")
                .put("x-kubernetes-patch-merge-key", "ip").put("x-kubernetes-patch-strategy", "merge");
        for (String container : List.of("Container", "EphemeralContainer")) {
            x.atomic(CORE + container, "args", "command", "envFrom", "resizePolicy");
            x.mergedMap(CORE + container, "env", "name");
            x.mergedMap(CORE + container, "ports", "containerPort", "protocol");
            x.mergedMap(CORE + container, "volumeDevices", "devicePath");
            x.mergedMap(CORE + container, "volumeMounts", "mountPath");
        }
        x.mergedMap(CORE + "ContainerStatus", "allocatedResourcesStatus", "name");
        x.mergedMap(CORE + "ContainerStatus", "volumeMounts", "mountPath");
        x.listMap(CORE + "ResourceRequirements", "claims", "name");
        x.listMap(CORE + "ResourceStatus", "resources", "resourceID");
        x.atomic(CORE + "Capabilities", "add", "drop");
        x.atomic(CORE + "ExecAction", "command");
        x.atomic(CORE + "HTTPGetAction", "httpHeaders");
        x.atomic(CORE + "HostAlias", "hostnames");
        x.atomic(CORE + "LinuxContainerUser", "supplementalGroups");
        x.atomic(CORE + "PodSecurityContext", "supplementalGroups", "sysctls");
        x.atomic(CORE + "PodDNSConfig", "nameservers", "options", "searches");
        x.atomic(CORE + "TopologySpreadConstraint", "matchLabelKeys");
        x.atomic(CORE + "NodeAffinity", "preferredDuringSchedulingIgnoredDuringExecution");
        x.atomicStruct(CORE + "NodeSelector").atomic(CORE + "NodeSelector", "nodeSelectorTerms");
        x.atomicStruct(CORE + "NodeSelectorTerm").atomic(CORE + "NodeSelectorTerm", "matchExpressions", "matchFields");
        x.atomic(CORE + "NodeSelectorRequirement", "values");
        for (String affinity : List.of("PodAffinity", "PodAntiAffinity")) {
            x.atomic(CORE + affinity, "preferredDuringSchedulingIgnoredDuringExecution",
                    "requiredDuringSchedulingIgnoredDuringExecution");
        }
        x.atomic(CORE + "PodAffinityTerm", "matchLabelKeys", "mismatchLabelKeys", "namespaces");
        x.atomicStruct(CORE + "ConfigMapKeySelector").atomicStruct(CORE + "SecretKeySelector")
                .atomicStruct(CORE + "ObjectFieldSelector").atomicStruct(CORE + "ResourceFieldSelector");
        x.union(CORE + "AppArmorProfile").union(CORE + "SeccompProfile");
        // core/v1: volume sources
        for (String withItems : List.of("ConfigMapProjection", "ConfigMapVolumeSource", "DownwardAPIProjection",
                "DownwardAPIVolumeSource", "SecretProjection", "SecretVolumeSource")) {
            x.atomic(CORE + withItems, "items");
        }
        x.atomic(CORE + "ProjectedVolumeSource", "sources");
        x.atomic(CORE + "CephFSVolumeSource", "monitors");
        x.atomic(CORE + "RBDVolumeSource", "monitors");
        x.atomic(CORE + "FCVolumeSource", "targetWWNs", "wwids");
        x.atomic(CORE + "ISCSIVolumeSource", "portals");
        x.atomic(CORE + "PersistentVolumeClaimSpec", "accessModes");

        // apps/v1
        x.property(APPS + "DeploymentSpec", "strategy").put("x-kubernetes-patch-strategy", "retainKeys");
        x.mergedMap(APPS + "DeploymentStatus", "conditions", "type");
        x.mergedMap(APPS + "ReplicaSetStatus", "conditions", "type");

        // discovery.k8s.io/v1
        x.atomic(DISCOVERY + "EndpointSlice", "endpoints", "ports");
        x.property(DISCOVERY + "Endpoint", "addresses").put("x-kubernetes-list-type", "set");
        x.atomic(DISCOVERY + "EndpointHints", "forZones");
        x.atomicStruct(DISCOVERY + "EndpointPort");

        // networking.k8s.io/v1 (ServiceCIDR, IPAddress)
        x.atomic(NETWORKING + "ServiceCIDRSpec", "cidrs");
        x.mergedMap(NETWORKING + "ServiceCIDRStatus", "conditions", "type");
        return x;
    }

    /**
     * @param definition a definition name
     * @param property one of its properties
     * @return the property's extensions, empty if it has none; a copy the caller may change
     */
    ObjectNode forProperty(String definition, String property) {
        ObjectNode known = properties.get(definition + "#" + property);
        return known == null ? NODES.objectNode() : known.deepCopy();
    }

    /** @return the type's own extensions ({@code x-kubernetes-map-type}, {@code x-kubernetes-unions}); a copy */
    ObjectNode forType(String definition) {
        ObjectNode known = types.get(definition);
        return known == null ? NODES.objectNode() : known.deepCopy();
    }

    private ObjectNode property(String definition, String property) {
        return properties.computeIfAbsent(definition + "#" + property, k -> NODES.objectNode());
    }

    /** {@code +listType=atomic} on each of the lists. */
    private SchemaExtensions atomic(String definition, String... lists) {
        for (String list : lists) {
            property(definition, list).put("x-kubernetes-list-type", "atomic");
        }
        return this;
    }

    /** {@code +listType=map} keyed by {@code keys}, merged by the first key. */
    private void mergedMap(String definition, String list, String... keys) {
        listMap(definition, list, keys);
        property(definition, list).put("x-kubernetes-patch-merge-key", keys[0]).put("x-kubernetes-patch-strategy", "merge");
    }

    /** As {@link #mergedMap}, with {@code patchStrategy:"merge,retainKeys"}. */
    private void mergedMapRetainingKeys(String definition, String list, String key) {
        mergedMap(definition, list, key);
        property(definition, list).put("x-kubernetes-patch-strategy", "merge,retainKeys");
    }

    /** {@code +listType=map} without patch tags. */
    private void listMap(String definition, String list, String... keys) {
        ArrayNode mapKeys = property(definition, list).put("x-kubernetes-list-type", "map")
                .putArray("x-kubernetes-list-map-keys");
        for (String key : keys) {
            mapKeys.add(key);
        }
    }

    /** {@code +listType=set} with {@code patchStrategy:"merge"}: a set of strings. */
    private void mergedSet(String definition, String list) {
        property(definition, list).put("x-kubernetes-list-type", "set").put("x-kubernetes-patch-strategy", "merge");
    }

    /** {@code +mapType=atomic} on a map field. */
    private void atomicMap(String definition, String map) {
        property(definition, map).put("x-kubernetes-map-type", "atomic");
    }

    /** {@code +structType=atomic}, written as {@code x-kubernetes-map-type: atomic} on the type. */
    private SchemaExtensions atomicStruct(String definition) {
        types.computeIfAbsent(definition, k -> NODES.objectNode()).put("x-kubernetes-map-type", "atomic");
        return this;
    }

    /** {@code +union} with discriminator {@code type} and member {@code localhostProfile} (AppArmor, seccomp). */
    private SchemaExtensions union(String definition) {
        ObjectNode union = types.computeIfAbsent(definition, k -> NODES.objectNode())
                .putArray("x-kubernetes-unions").addObject().put("discriminator", "type");
        union.putObject("fields-to-discriminateBy").put("localhostProfile", "LocalhostProfile");
        return this;
    }
}
