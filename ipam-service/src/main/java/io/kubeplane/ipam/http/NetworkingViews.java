package io.kubeplane.ipam.http;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ListMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IPAddress;
import io.fabric8.kubernetes.api.model.networking.v1.IPAddressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IPAddressList;
import io.fabric8.kubernetes.api.model.networking.v1.IPAddressListBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceCIDR;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceCIDRBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceCIDRList;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceCIDRListBuilder;
import io.kubeplane.ipam.allocation.Allocation;
import io.kubeplane.ipam.allocation.PoolAllocator;
import io.kubeplane.ipam.allocation.Pools;
import io.kubeplane.ipam.pool.AddressPool;
import io.kubeplane.ipam.store.AllocationStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * ipam's service ranges and service IP allocations as the Kubernetes objects that stand for them:
 * one ServiceCIDR {@code kubernetes} holding the configured service CIDRs, as kube-apiserver
 * creates it from its flags, and one IPAddress per allocated cluster IP whose {@code parentRef}
 * names the Service. Thread-safe.
 */
@Component
public class NetworkingViews {

    /** The name kube-apiserver gives the ServiceCIDR made from its flags. */
    public static final String DEFAULT_SERVICE_CIDR = "kubernetes";

    private final Pools pools;
    private final AllocationStore store;

    public NetworkingViews(Pools pools, AllocationStore store) {
        this.pools = pools;
        this.store = store;
    }

    public ServiceCIDRList serviceCidrs() {
        return new ServiceCIDRListBuilder().withApiVersion("networking.k8s.io/v1").withKind("ServiceCIDRList")
                .withMetadata(new ListMetaBuilder().withResourceVersion("0").build())
                .withItems(serviceCidr()).build();
    }

    public ServiceCIDR serviceCidr(String name) {
        if (!DEFAULT_SERVICE_CIDR.equals(name)) {
            throw new NoSuchElementException("servicecidrs.networking.k8s.io \"" + name + "\" not found");
        }
        return serviceCidr();
    }

    private ServiceCIDR serviceCidr() {
        Map<String, Instant> created = store.poolCreationTimes();
        Instant since = pools.serviceRanges().stream().map(a -> created.get(a.pool().name()))
                .filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(Instant.EPOCH);
        return new ServiceCIDRBuilder().withApiVersion("networking.k8s.io/v1").withKind("ServiceCIDR")
                .withMetadata(new ObjectMetaBuilder().withName(DEFAULT_SERVICE_CIDR).withUid(uid("servicecidr/" + DEFAULT_SERVICE_CIDR))
                        .withResourceVersion("1").withCreationTimestamp(timestamp(since)).build())
                .withNewSpec().withCidrs(pools.serviceRanges().stream().map(a -> a.pool().range()).toList()).endSpec()
                .withNewStatus().addToConditions(new ConditionBuilder().withType("Ready").withStatus("True").withReason("")
                        .withMessage("Kubernetes Service CIDR is ready").withLastTransitionTime(timestamp(since)).build())
                .endStatus()
                .build();
    }

    /** Every allocated cluster IP, in range order. */
    public IPAddressList ipAddresses() {
        List<IPAddress> items = new ArrayList<>();
        for (PoolAllocator range : pools.serviceRanges()) {
            int after = -1;
            while (true) {
                List<Allocation> page = store.list(range.pool().name(), after, 5000);
                page.forEach(a -> items.add(ipAddress(range, a)));
                if (page.size() < 5000) {
                    break;
                }
                after = page.getLast().ordinal();
            }
        }
        return new IPAddressListBuilder().withApiVersion("networking.k8s.io/v1").withKind("IPAddressList")
                .withMetadata(new ListMetaBuilder().withResourceVersion("0").build()).withItems(items).build();
    }

    public IPAddress ipAddress(String name) {
        for (PoolAllocator range : pools.serviceRanges()) {
            var ordinal = range.pool().ordinalOf(name);
            if (ordinal.isPresent() && range.pool().valueAt(ordinal.getAsInt()).equals(name)) {
                var held = store.find(range.pool().name(), ordinal.getAsInt());
                if (held.isPresent()) {
                    return ipAddress(range, held.get());
                }
            }
        }
        throw new NoSuchElementException("ipaddresses.networking.k8s.io \"" + name + "\" not found");
    }

    private static IPAddress ipAddress(PoolAllocator range, Allocation a) {
        return new IPAddressBuilder().withApiVersion("networking.k8s.io/v1").withKind("IPAddress")
                .withMetadata(new ObjectMetaBuilder().withName(a.value())
                        .withUid(uid("ipaddress/" + a.value() + "/" + a.owner().uid()))
                        .withResourceVersion("1")
                        .withCreationTimestamp(timestamp(a.allocatedAt()))
                        .addToLabels("ipaddress.kubernetes.io/ip-family", ((AddressPool) range.pool()).family())
                        .addToLabels("ipaddress.kubernetes.io/managed-by", "ipallocator.k8s.io")
                        .build())
                .withNewSpec().withNewParentRef().withGroup("").withResource(a.owner().resource())
                .withNamespace(a.owner().namespace()).withName(a.owner().name()).endParentRef().endSpec()
                .build();
    }

    private static String uid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
