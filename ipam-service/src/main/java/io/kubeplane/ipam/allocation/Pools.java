package io.kubeplane.ipam.allocation;

import io.kubeplane.ipam.pool.AddressPool;
import io.kubeplane.ipam.pool.IpCidr;
import io.kubeplane.ipam.pool.PortPool;
import io.kubeplane.ipam.pool.SubnetPool;
import io.kubeplane.ipam.store.AllocationStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Every pool this replica hands out from, built from the configured ranges: the service CIDRs (in
 * order, the first one's family primary), the NodePort range, the LoadBalancer pools and the
 * cluster CIDR's node subnets, and the pod range of every node podCIDR handed out. Thread-safe.
 */
public final class Pools {

    private final List<PoolAllocator> serviceRanges;
    private final PoolAllocator nodePorts;
    private final Map<String, List<PoolAllocator>> loadBalancerPools;
    private final PoolAllocator nodeCidrs;
    private final AllocationStore store;
    /** The pod ranges of nodes' podCIDRs, by CIDR, created as nodes get them. */
    private final Map<String, PoolAllocator> podRanges = new ConcurrentHashMap<>();
    private final List<Consumer<PoolAllocator>> newPoolListeners = new CopyOnWriteArrayList<>();

    public Pools(List<String> serviceCidrs, String nodePortRange, Map<String, List<String>> loadBalancerPools,
                 String clusterCidr, int nodeCidrMaskSize, AllocationStore store) {
        this.serviceRanges = serviceCidrs.stream()
                .map(c -> new PoolAllocator(AddressPool.serviceRange(IpCidr.parse(c)), store)).toList();
        long families = serviceRanges.stream().map(a -> ((AddressPool) a.pool()).family()).distinct().count();
        if (families > 2) {
            throw new IllegalArgumentException("service CIDRs may hold at most one IPv4 and one IPv6 family");
        }
        this.nodePorts = new PoolAllocator(PortPool.parse(nodePortRange), store);
        Map<String, List<PoolAllocator>> lb = new LinkedHashMap<>();
        loadBalancerPools.forEach((name, cidrs) -> lb.put(name, cidrs.stream()
                .map(c -> new PoolAllocator(AddressPool.loadBalancerRange(IpCidr.parse(c)), store)).toList()));
        this.loadBalancerPools = Collections.unmodifiableMap(lb); // in configured order: the first is the default
        this.nodeCidrs = new PoolAllocator(new SubnetPool(IpCidr.parse(clusterCidr), nodeCidrMaskSize), store);
        this.store = store;
    }

    /**
     * The pod IPs of a node's podCIDR, created (recorded in the table and loaded from it) the first
     * time it is asked for.
     */
    public PoolAllocator podRange(String podCidr) {
        IpCidr cidr = IpCidr.parse(podCidr);
        PoolAllocator existing = podRanges.get(cidr.toString());
        if (existing != null) {
            return existing;
        }
        boolean[] created = {false};
        PoolAllocator allocator = podRanges.computeIfAbsent(cidr.toString(), c -> {
            PoolAllocator a = new PoolAllocator(AddressPool.podRange(cidr), store);
            store.recordPool(a.pool());
            a.refresh();
            created[0] = true;
            return a;
        });
        if (created[0]) {
            newPoolListeners.forEach(l -> l.accept(allocator));
        }
        return allocator;
    }

    /** The pod ranges created so far, by CIDR. */
    public Map<String, PoolAllocator> podRanges() {
        return Map.copyOf(podRanges);
    }

    /** Tells {@code listener} about every pod range created from now on. */
    public void onNewPool(Consumer<PoolAllocator> listener) {
        newPoolListeners.add(listener);
    }

    /** The service CIDR allocators in configured order. */
    public List<PoolAllocator> serviceRanges() {
        return serviceRanges;
    }

    /** The families the service CIDRs serve, primary first ({@code IPv4}, {@code IPv6}). */
    public List<String> serviceFamilies() {
        return serviceRanges.stream().map(a -> ((AddressPool) a.pool()).family()).distinct().toList();
    }

    /** The service CIDR allocators of one family, in configured order. */
    public List<PoolAllocator> serviceRanges(String family) {
        return serviceRanges.stream().filter(a -> ((AddressPool) a.pool()).family().equals(family)).toList();
    }

    public PoolAllocator nodePorts() {
        return nodePorts;
    }

    public Map<String, List<PoolAllocator>> loadBalancerPools() {
        return loadBalancerPools;
    }

    public PoolAllocator nodeCidrs() {
        return nodeCidrs;
    }

    /** Every allocator, service ranges first, pod ranges last. */
    public List<PoolAllocator> all() {
        List<PoolAllocator> all = new ArrayList<>(serviceRanges);
        all.add(nodePorts);
        loadBalancerPools.values().forEach(all::addAll);
        all.add(nodeCidrs);
        podRanges.values().stream().sorted(Comparator.comparing(a -> a.pool().name())).forEach(all::add);
        return List.copyOf(all);
    }

    /** The allocator of the pool named {@code name}. */
    public Optional<PoolAllocator> byName(String name) {
        return all().stream().filter(a -> a.pool().name().equals(name)).findFirst();
    }

    /** The allocators whose pool holds {@code value}. */
    public Stream<PoolAllocator> holding(String value) {
        return all().stream().filter(a -> a.contains(value));
    }
}
