package io.kubeplane.endpoints.desired;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The EndpointSlices mirrored from the Endpoints a user wrote for a Service without a selector, as
 * kube-controller-manager's endpointslicemirroring controller makes them: one group per subset's
 * ports and address type, ready addresses ready, not-ready ones not, at most
 * {@value #MAX_ADDRESSES} addresses, owned by the Endpoints. Endpoints labelled
 * {@value #SKIP_MIRROR}{@code =true} (the api-server's own {@code default/kubernetes}) are not
 * mirrored. Pure.
 */
public final class MirroredSlices {

    public static final String MANAGED_BY = "endpointslicemirroring-controller.k8s.io";
    public static final String SKIP_MIRROR = "endpointslice.kubernetes.io/skip-mirror";
    public static final int MAX_ADDRESSES = 1000;

    private MirroredSlices() {
    }

    /** Whether the Endpoints of {@code service} are mirrored: the Service exists and has no selector. */
    public static boolean mirrors(Service service, Endpoints endpoints) {
        Map<String, String> labels = endpoints.getMetadata().getLabels();
        return !PodRules.hasSelector(service) && !(labels != null && "true".equals(labels.get(SKIP_MIRROR)));
    }

    public static Map<String, DesiredSlices.Group> of(Endpoints endpoints) {
        Map<String, DesiredSlices.Group> groups = new LinkedHashMap<>();
        int count = 0;
        for (EndpointSubset subset : endpoints.getSubsets() == null ? List.<EndpointSubset>of() : endpoints.getSubsets()) {
            List<EndpointPort> ports = subset.getPorts() == null ? List.of() : subset.getPorts().stream()
                    .map(p -> new EndpointPortBuilder().withName(p.getName() == null ? "" : p.getName()).withPort(p.getPort())
                            .withProtocol(p.getProtocol() == null ? "TCP" : p.getProtocol()).withAppProtocol(p.getAppProtocol()).build())
                    .toList();
            for (boolean ready : new boolean[] {true, false}) {
                List<EndpointAddress> addresses = ready ? subset.getAddresses() : subset.getNotReadyAddresses();
                for (EndpointAddress address : addresses == null ? List.<EndpointAddress>of() : addresses) {
                    if (count++ >= MAX_ADDRESSES) {
                        return groups;
                    }
                    String type = PodRules.familyOf(address.getIp());
                    DesiredSlices.Group group = groups.computeIfAbsent(DesiredSlices.Group.key(type, ports),
                            k -> new DesiredSlices.Group(type, ports, new LinkedHashMap<>()));
                    group.endpoints().putIfAbsent(address.getIp(), endpoint(address, ready));
                }
            }
        }
        return groups;
    }

    /** Where mirrored slices go: named after the Service, labelled from the Endpoints, owned by them. */
    public static SlicePlan.Target target(Endpoints endpoints) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (endpoints.getMetadata().getLabels() != null) {
            labels.putAll(endpoints.getMetadata().getLabels());
        }
        labels.put(SlicePlan.SERVICE_NAME_LABEL, endpoints.getMetadata().getName());
        labels.put(SlicePlan.MANAGED_BY_LABEL, MANAGED_BY);
        return new SlicePlan.Target(endpoints.getMetadata().getNamespace(), endpoints.getMetadata().getName(), labels,
                new OwnerReferenceBuilder().withApiVersion("v1").withKind("Endpoints").withName(endpoints.getMetadata().getName())
                        .withUid(endpoints.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build(),
                null);
    }

    private static Endpoint endpoint(EndpointAddress address, boolean ready) {
        return new EndpointBuilder().withAddresses(address.getIp())
                .withNewConditions().withReady(ready).endConditions()
                .withHostname(address.getHostname())
                .withNodeName(address.getNodeName())
                .withTargetRef(address.getTargetRef())
                .build();
    }
}
