package io.kubeplane.dns.registration;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The objects that make the cluster DNS a Service of the cluster, as kube-dns is: the Service
 * {@code kube-system/kube-dns} at a fixed ClusterIP with ports {@code dns} 53/UDP and
 * {@code dns-tcp} 53/TCP, its Endpoints listing the replicas that answer, and one Lease per
 * replica in {@code kube-system}, renewed while it runs, so a replica that died leaves the
 * Endpoints when its Lease expires (the way kube-apiserver keeps {@code default/kubernetes}).
 * Pure.
 */
public final class KubeDnsObjects {

    public static final String NAMESPACE = "kube-system";
    public static final String NAME = "kube-dns";
    /** The label on every replica's Lease. */
    public static final String REPLICA_LABEL = "kubeplane.io/dns-replica";
    static final Map<String, String> LABELS = Map.of("k8s-app", "kube-dns", "kubernetes.io/name", "KubeDNS",
            "kubernetes.io/cluster-service", "true");

    private KubeDnsObjects() {
    }

    /** The Service, without a selector: its Endpoints are written by the replicas. */
    public static Service service(String clusterIP) {
        return new ServiceBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(NAME).withLabels(LABELS)
                .endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP(clusterIP).withClusterIPs(clusterIP)
                    .addNewPort().withName("dns").withProtocol("UDP").withPort(53).withNewTargetPort(53).endPort()
                    .addNewPort().withName("dns-tcp").withProtocol("TCP").withPort(53).withNewTargetPort(53).endPort()
                .endSpec().build();
    }

    /** The Endpoints: every live replica's address, all answering on {@code dnsPort}. */
    public static Endpoints endpoints(List<String> addresses, int dnsPort) {
        EndpointsBuilder endpoints = new EndpointsBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(NAME)
                .withLabels(LABELS).endMetadata();
        if (!addresses.isEmpty()) {
            List<EndpointAddress> ips = new TreeSet<>(addresses).stream()
                    .map(ip -> new EndpointAddressBuilder().withIp(ip).build()).toList();
            endpoints.addNewSubset().withAddresses(ips)
                    .addNewPort().withName("dns").withProtocol("UDP").withPort(dnsPort).endPort()
                    .addNewPort().withName("dns-tcp").withProtocol("TCP").withPort(dnsPort).endPort()
                    .endSubset();
        }
        return endpoints.build();
    }

    /** A replica's Lease, named after it, holding its address. */
    public static Lease lease(String replica, String address, Duration duration, Instant now) {
        return new LeaseBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(NAME + "-" + replica)
                .addToLabels(REPLICA_LABEL, "true").addToAnnotations("kubeplane.io/address", address).endMetadata()
                .withNewSpec().withHolderIdentity(replica).withLeaseDurationSeconds((int) duration.toSeconds())
                    .withRenewTime(now.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC)).endSpec()
                .build();
    }

    /** The addresses of the replicas whose Lease has not expired at {@code now}, valid as endpoints. */
    public static List<String> liveAddresses(List<Lease> leases, Instant now) {
        TreeSet<String> live = new TreeSet<>();
        for (Lease lease : leases) {
            String address = lease.getMetadata().getAnnotations() == null ? null
                    : lease.getMetadata().getAnnotations().get("kubeplane.io/address");
            ZonedDateTime renewed = lease.getSpec() == null ? null : lease.getSpec().getRenewTime();
            Integer seconds = lease.getSpec() == null ? null : lease.getSpec().getLeaseDurationSeconds();
            if (address != null && renewed != null && seconds != null
                && renewed.toInstant().plusSeconds(seconds).isAfter(now) && validEndpoint(address)) {
                live.add(address);
            }
        }
        return List.copyOf(live);
    }

    /**
     * Whether Kubernetes accepts {@code address} in an Endpoints object: an IP literal, not
     * unspecified, loopback, link-local or multicast. A replica listening on loopback (the local
     * cluster's) keeps its Lease but is not listed.
     */
    public static boolean validEndpoint(String address) {
        if (!address.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            InetAddress ip = InetAddress.ofLiteral(address);
            return !(ip.isAnyLocalAddress() || ip.isLoopbackAddress() || ip.isLinkLocalAddress() || ip.isMulticastAddress());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
