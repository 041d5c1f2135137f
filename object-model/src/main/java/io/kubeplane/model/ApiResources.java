package io.kubeplane.model;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.IPAddress;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceCIDR;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The kinds kubeplane serves, looked up by kind or by REST path segments.
 *
 * <p>Immutable and thread-safe; a single shared instance is {@link #SERVED}.
 */
public final class ApiResources {

    public static final ApiResource NAMESPACES = new ApiResource(
            "", "v1", "Namespace", "namespaces", "namespace", false, List.of("ns"), Set.of("status"), Namespace.class);
    public static final ApiResource PODS = new ApiResource(
            "", "v1", "Pod", "pods", "pod", true, List.of("po"), Set.of("status", "binding"), Pod.class, List.of("all"));
    public static final ApiResource SERVICES = new ApiResource(
            "", "v1", "Service", "services", "service", true, List.of("svc"), Set.of("status"), Service.class,
            List.of("all"));
    public static final ApiResource ENDPOINTS = new ApiResource(
            "", "v1", "Endpoints", "endpoints", "endpoints", true, List.of("ep"), Set.of(), Endpoints.class);
    public static final ApiResource NODES = new ApiResource(
            "", "v1", "Node", "nodes", "node", false, List.of("no"), Set.of("status"), Node.class);
    public static final ApiResource EVENTS = new ApiResource(
            "", "v1", "Event", "events", "event", true, List.of("ev"), Set.of(), Event.class);
    public static final ApiResource ENDPOINT_SLICES = new ApiResource(
            "discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", "endpointslice", true, List.of(), Set.of(),
            EndpointSlice.class);
    public static final ApiResource DEPLOYMENTS = new ApiResource(
            "apps", "v1", "Deployment", "deployments", "deployment", true, List.of("deploy"), Set.of("status", "scale"),
            Deployment.class, List.of("all"));
    public static final ApiResource REPLICA_SETS = new ApiResource(
            "apps", "v1", "ReplicaSet", "replicasets", "replicaset", true, List.of("rs"), Set.of("status", "scale"),
            ReplicaSet.class, List.of("all"));
    /** Node heartbeats ({@code kube-node-lease}) and leader election. */
    public static final ApiResource LEASES = new ApiResource(
            "coordination.k8s.io", "v1", "Lease", "leases", "lease", true, List.of(), Set.of(), Lease.class);

    public static final ApiResource SERVICE_CIDRS = new ApiResource(
            "networking.k8s.io", "v1", "ServiceCIDR", "servicecidrs", "servicecidr", false, List.of(), Set.of(),
            ServiceCIDR.class);
    public static final ApiResource IP_ADDRESSES = new ApiResource(
            "networking.k8s.io", "v1", "IPAddress", "ipaddresses", "ipaddress", false, List.of("ip"), Set.of(),
            IPAddress.class);

    /** Every kind kubeplane stores. */
    public static final ApiResources SERVED = new ApiResources(
            List.of(NAMESPACES, PODS, SERVICES, ENDPOINTS, NODES, EVENTS, ENDPOINT_SLICES, DEPLOYMENTS, REPLICA_SETS, LEASES));

    /**
     * Kinds served as read-only views of ipam-service's tables rather than stored: the service
     * ranges and the allocated service IPs. The api-server forwards their reads to ipam-service.
     */
    public static final ApiResources IPAM_VIEWS = new ApiResources(List.of(SERVICE_CIDRS, IP_ADDRESSES));

    private final List<ApiResource> all;
    private final Map<String, ApiResource> byPath;
    private final Map<Class<?>, ApiResource> byType;

    public ApiResources(List<ApiResource> resources) {
        this.all = List.copyOf(resources);
        this.byPath = all.stream().collect(Collectors.toUnmodifiableMap(
                r -> pathKey(r.group(), r.version(), r.plural()), Function.identity()));
        this.byType = all.stream().collect(Collectors.toUnmodifiableMap(ApiResource::type, Function.identity()));
    }

    public List<ApiResource> all() {
        return all;
    }

    /** The resource served at {@code /api/v1/<plural>} or {@code /apis/<group>/<version>/<plural>}. */
    public Optional<ApiResource> byPath(String group, String version, String plural) {
        return Optional.ofNullable(byPath.get(pathKey(group, version, plural)));
    }

    public Optional<ApiResource> byType(Class<?> type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** The resource with this {@code apiVersion} and {@code kind}, as written in an object. */
    public Optional<ApiResource> byKind(String apiVersion, String kind) {
        return all.stream().filter(r -> r.apiVersion().equals(apiVersion) && r.kind().equals(kind)).findFirst();
    }

    /** The resource named {@code plural} or {@code plural.group}, as in a topic or an RBAC rule. */
    public Optional<ApiResource> byGroupResource(String groupResource) {
        return all.stream().filter(r -> r.groupResource().equals(groupResource)).findFirst();
    }

    private static String pathKey(String group, String version, String plural) {
        return group + "/" + version + "/" + plural;
    }
}
