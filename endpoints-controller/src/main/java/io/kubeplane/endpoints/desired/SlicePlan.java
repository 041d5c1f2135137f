package io.kubeplane.endpoints.desired;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The writes that bring a Service's EndpointSlices from what they hold to what they should hold,
 * with little churn, as the endpointslice controller's reconciler aims for: an endpoint stays in the
 * slice it is in; a slice is rewritten only when something in it changed; new endpoints fill slices
 * that are being rewritten anyway, then slices with room, and only then new slices, each holding at
 * most {@code maxEndpoints}; a slice that would be deleted is reused for a new group of endpoints
 * instead of deleting one slice and creating another. A Service with no endpoints keeps one empty
 * placeholder slice, as in Kubernetes (mirrored slices have none). Pure.
 *
 * @param creates slices to create (named by the server from {@code <service>-})
 * @param updates slices to update, each with the resourceVersion it was read at
 * @param deletes slices to delete
 */
public record SlicePlan(List<EndpointSlice> creates, List<EndpointSlice> updates, List<EndpointSlice> deletes) {

    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    public static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    public static final String HEADLESS_LABEL = "service.kubernetes.io/headless";

    public boolean isEmpty() {
        return creates.isEmpty() && updates.isEmpty() && deletes.isEmpty();
    }

    private static final class Working {
        final EndpointSlice slice;
        final List<Endpoint> endpoints = new ArrayList<>();
        boolean changed;

        Working(EndpointSlice slice) {
            this.slice = slice;
        }
    }

    /**
     * Who the slices are for and what they carry besides their endpoints.
     *
     * @param namespace   the slices' namespace
     * @param service     the Service's name: slices are named {@code <service>-<random>}
     * @param labels      every label a slice carries
     * @param owner       the slices' owner
     * @param placeholder the address type of the empty slice kept when there are no endpoints, or
     *                    null for none
     */
    public record Target(String namespace, String service, Map<String, String> labels, OwnerReference owner,
                         @Nullable String placeholder) {

        /** The endpointslice controller's target: owned by the Service, labelled from it, with a placeholder. */
        public static Target forService(Service service, String managedBy) {
            return new Target(service.getMetadata().getNamespace(), service.getMetadata().getName(),
                    SlicePlan.labels(service, managedBy), SlicePlan.owner(service), DesiredSlices.addressTypes(service).getFirst());
        }
    }

    /**
     * @param desired   {@link DesiredSlices#of} for the Service
     * @param existing  the slices of the Service managed by {@code managedBy}
     * @param managedBy the managed-by label's value
     */
    public static SlicePlan of(Service service, Map<String, DesiredSlices.Group> desired, List<EndpointSlice> existing,
                               int maxEndpoints, String managedBy) {
        return of(Target.forService(service, managedBy), desired, existing, maxEndpoints);
    }

    /**
     * @param desired  the endpoints by group
     * @param existing the slices the target's manager wrote before
     */
    public static SlicePlan of(Target target, Map<String, DesiredSlices.Group> desired, List<EndpointSlice> existing,
                               int maxEndpoints) {
        Map<String, String> labels = target.labels();
        OwnerReference owner = target.owner();
        Map<String, DesiredSlices.Group> groups = new LinkedHashMap<>(desired);
        if (groups.isEmpty() && target.placeholder() != null) {
            String type = target.placeholder();
            groups.put(DesiredSlices.Group.key(type, List.of()), new DesiredSlices.Group(type, List.of(), Map.of()));
        }
        Map<String, List<EndpointSlice>> existingByGroup = new LinkedHashMap<>();
        existing.stream().sorted(Comparator.comparing(s -> s.getMetadata().getName()))
                .forEach(s -> existingByGroup.computeIfAbsent(groupKey(s), k -> new ArrayList<>()).add(s));
        List<EndpointSlice> spare = new ArrayList<>();
        List<EndpointSlice> creates = new ArrayList<>();
        List<EndpointSlice> updates = new ArrayList<>();
        List<Map.Entry<DesiredSlices.Group, List<Endpoint>>> unplaced = new ArrayList<>();

        for (DesiredSlices.Group group : groups.values()) {
            Map<String, Endpoint> remaining = new LinkedHashMap<>(group.endpoints());
            List<Working> working = new ArrayList<>();
            List<EndpointSlice> current = existingByGroup.getOrDefault(group.key(), List.of());
            existingByGroup.remove(group.key());
            for (EndpointSlice slice : current) {
                Working w = new Working(slice);
                w.changed = !labels.equals(slice.getMetadata().getLabels()) || !List.of(owner).equals(slice.getMetadata().getOwnerReferences());
                for (Endpoint endpoint : slice.getEndpoints() == null ? List.<Endpoint>of() : slice.getEndpoints()) {
                    Endpoint wanted = endpoint.getAddresses() == null || endpoint.getAddresses().isEmpty() ? null
                            : remaining.remove(endpoint.getAddresses().getFirst());
                    if (wanted == null) {
                        w.changed = true;
                    } else {
                        w.endpoints.add(wanted);
                        w.changed |= !same(endpoint, wanted);
                    }
                }
                while (w.endpoints.size() > maxEndpoints) {
                    Endpoint overflow = w.endpoints.removeLast();
                    remaining.put(overflow.getAddresses().getFirst(), overflow);
                    w.changed = true;
                }
                if (w.endpoints.isEmpty() && !(group.endpoints().isEmpty() && working.isEmpty())) {
                    spare.add(slice); // emptied; the placeholder of an empty group is the one exception
                } else {
                    working.add(w);
                }
            }
            // Fill slices that are rewritten anyway first, then the others with room.
            working.sort(Comparator.comparing((Working w) -> !w.changed));
            Iterator<Endpoint> next = remaining.values().iterator();
            for (Working w : working) {
                while (w.endpoints.size() < maxEndpoints && next.hasNext()) {
                    w.endpoints.add(next.next());
                    next.remove();
                    w.changed = true;
                }
                if (w.changed) {
                    updates.add(build(target, w.slice, group, w.endpoints));
                }
            }
            List<Endpoint> left = new ArrayList<>(remaining.values());
            if (left.isEmpty() && working.isEmpty() && group.endpoints().isEmpty()) {
                unplaced.add(Map.entry(group, List.of())); // the placeholder
            }
            for (int i = 0; i < left.size(); i += maxEndpoints) {
                unplaced.add(Map.entry(group, left.subList(i, Math.min(left.size(), i + maxEndpoints))));
            }
        }
        existingByGroup.values().forEach(spare::addAll);
        for (Map.Entry<DesiredSlices.Group, List<Endpoint>> chunk : unplaced) {
            EndpointSlice base = spare.isEmpty() ? null : spare.removeFirst();
            EndpointSlice slice = build(target, base, chunk.getKey(), chunk.getValue());
            (base == null ? creates : updates).add(slice);
        }
        return new SlicePlan(creates, updates, spare);
    }

    /** The labels a managed slice carries: the Service's own, its name, the manager, and headless when it is. */
    public static Map<String, String> labels(Service service, String managedBy) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (service.getMetadata().getLabels() != null) {
            labels.putAll(service.getMetadata().getLabels());
        }
        labels.put(SERVICE_NAME_LABEL, service.getMetadata().getName());
        labels.put(MANAGED_BY_LABEL, managedBy);
        if ("None".equals(service.getSpec().getClusterIP())) {
            labels.put(HEADLESS_LABEL, "");
        }
        return labels;
    }

    public static OwnerReference owner(Service service) {
        return new OwnerReferenceBuilder().withApiVersion("v1").withKind("Service").withName(service.getMetadata().getName())
                .withUid(service.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build();
    }

    private static EndpointSlice build(Target target, @Nullable EndpointSlice base, DesiredSlices.Group group,
                                       List<Endpoint> endpoints) {
        ObjectMeta metadata = base == null
                ? new ObjectMetaBuilder().withGenerateName(target.service() + "-").withNamespace(target.namespace()).build()
                : new ObjectMetaBuilder(base.getMetadata()).build();
        metadata.setLabels(new LinkedHashMap<>(target.labels()));
        metadata.setOwnerReferences(List.of(target.owner()));
        return new EndpointSliceBuilder().withMetadata(metadata).withAddressType(group.addressType())
                .withPorts(new ArrayList<>(group.ports())).withEndpoints(new ArrayList<>(endpoints)).build();
    }

    private static String groupKey(EndpointSlice slice) {
        List<EndpointPort> ports = slice.getPorts() == null ? List.of() : slice.getPorts();
        return DesiredSlices.Group.key(slice.getAddressType(), ports);
    }

    /** Whether two endpoints say the same, whatever defaults the stored one picked up. */
    static boolean same(Endpoint a, Endpoint b) {
        return Objects.equals(a.getAddresses(), b.getAddresses()) && sameConditions(a.getConditions(), b.getConditions())
               && Objects.equals(a.getNodeName(), b.getNodeName()) && Objects.equals(a.getZone(), b.getZone())
               && Objects.equals(a.getHostname(), b.getHostname()) && sameTarget(a.getTargetRef(), b.getTargetRef());
    }

    private static boolean sameConditions(@Nullable EndpointConditions a, @Nullable EndpointConditions b) {
        EndpointConditions x = a == null ? new EndpointConditions() : a;
        EndpointConditions y = b == null ? new EndpointConditions() : b;
        return Objects.equals(x.getReady(), y.getReady()) && Objects.equals(x.getServing(), y.getServing())
               && Objects.equals(x.getTerminating(), y.getTerminating());
    }

    private static boolean sameTarget(@Nullable ObjectReference a, @Nullable ObjectReference b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Objects.equals(a.getKind(), b.getKind()) && Objects.equals(a.getNamespace(), b.getNamespace())
               && Objects.equals(a.getName(), b.getName()) && Objects.equals(a.getUid(), b.getUid());
    }
}
