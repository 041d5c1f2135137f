package io.kubeplane.ipam.allocation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ipam-service's meters: per pool its size, how many values are allocated and free (as this
 * replica believes), and counters of allocations, releases, failures and repair actions.
 * Thread-safe.
 */
public final class AllocationMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> allocationCounters = new ConcurrentHashMap<>();

    public AllocationMetrics(MeterRegistry registry, Pools pools) {
        this.registry = registry;
        for (PoolAllocator allocator : pools.all()) {
            registerPool(allocator);
        }
        pools.onNewPool(this::registerPool);
    }

    /** Adds the gauges of a pool created after start (a node's pod range). */
    public void registerPool(PoolAllocator allocator) {
        String pool = allocator.pool().name();
        String kind = allocator.pool().kind().label();
        Gauge.builder("ipam.pool.size", allocator, a -> a.pool().size())
                .tags("pool", pool, "kind", kind).description("Values the pool holds").register(registry);
        Gauge.builder("ipam.pool.allocated", allocator, PoolAllocator::takenCount)
                .tags("pool", pool, "kind", kind).description("Values allocated in the pool").register(registry);
        Gauge.builder("ipam.pool.free", allocator, a -> a.pool().size() - a.takenCount())
                .tags("pool", pool, "kind", kind).description("Values still free in the pool").register(registry);
    }

    /** Counted on every allocation request, so each pool's counter is looked up once. */
    public void allocated(List<Allocation> allocations) {
        for (Allocation a : allocations) {
            allocations(a.pool()).increment();
        }
    }

    private Counter allocations(String pool) {
        return allocationCounters.computeIfAbsent(pool, p -> Counter.builder("ipam.allocations").tag("pool", p)
                .description("Values handed out").register(registry));
    }

    public void released(String owners, int count) {
        if (count > 0) {
            Counter.builder("ipam.releases").tag("owner", owners).description("Values given back")
                    .register(registry).increment(count);
        }
    }

    public void failed(String owners) {
        Counter.builder("ipam.allocation.failures").tag("owner", owners)
                .description("Requests refused: value taken, out of range, or range full").register(registry).increment();
    }

    /** A repair action: {@code released-leak}, {@code recorded}, {@code conflict}. */
    public void repaired(String action) {
        Counter.builder("ipam.repair.actions").tag("action", action).description("What the repair loop did")
                .register(registry).increment();
    }
}
