package io.kubeplane.ipam.allocation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * ipam-service's meters: per pool its size, how many values are allocated and free (as this
 * replica believes), and counters of allocations, releases, failures and repair actions.
 * Thread-safe.
 */
public final class AllocationMetrics {

    private final MeterRegistry registry;

    public AllocationMetrics(MeterRegistry registry, Pools pools) {
        this.registry = registry;
        for (PoolAllocator allocator : pools.all()) {
            registerPool(allocator);
        }
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

    public void allocated(List<Allocation> allocations) {
        for (Allocation a : allocations) {
            Counter.builder("ipam.allocations").tag("pool", a.pool()).description("Values handed out")
                    .register(registry).increment();
        }
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
