package io.kubeplane.ipam.controller;

import io.kubeplane.ipam.allocation.Allocation;
import io.kubeplane.ipam.allocation.AllocationMetrics;
import io.kubeplane.ipam.allocation.Journal;
import io.kubeplane.ipam.allocation.Owner;
import io.kubeplane.ipam.allocation.PoolAllocator;
import io.kubeplane.ipam.allocation.Pools;
import io.kubeplane.ipam.store.AllocationStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The one-value-per-slot allocations the controllers make for Nodes, Pods and LoadBalancer
 * Services: each a single row insert (no surrounding transaction), counted in the metrics.
 * Thread-safe.
 */
final class OwnedAddresses {

    /** A node's podCIDR. */
    static final String POD_CIDR = "podCIDR";
    /** A pod's IP. */
    static final String POD_IP = "podIP";
    /** A LoadBalancer Service's ingress IP. */
    static final String LOAD_BALANCER_IP = "loadBalancerIP";

    private final Pools pools;
    private final AllocationStore store;
    private final AllocationMetrics metrics;

    OwnedAddresses(Pools pools, AllocationStore store, AllocationMetrics metrics) {
        this.pools = pools;
        this.store = store;
        this.metrics = metrics;
    }

    /** Any free value of {@code allocator} for the owner's slot, or what the slot already holds. */
    Allocation takeAny(PoolAllocator allocator, Owner owner, String slot) {
        Journal journal = new Journal();
        try {
            Allocation allocation = allocator.allocateAnyInSlot(owner, slot, journal);
            metrics.allocated(journal.allocations());
            return allocation;
        } catch (RuntimeException e) {
            metrics.failed(owner.resource());
            throw e;
        } finally {
            journal.finished();
        }
    }

    /** {@code value} for the owner's slot, or a confirmation when the slot holds it already. */
    Allocation take(PoolAllocator allocator, String value, Owner owner, String slot) {
        Journal journal = new Journal();
        try {
            Allocation allocation = allocator.allocateInSlot(value, owner, slot, journal);
            metrics.allocated(journal.allocations());
            return allocation;
        } catch (RuntimeException e) {
            metrics.failed(owner.resource());
            throw e;
        } finally {
            journal.finished();
        }
    }

    /** What the owner holds in {@code slot}. */
    Optional<Allocation> held(String ownerUid, String slot) {
        return store.findSlot(ownerUid, slot);
    }

    /** Releases what {@code ownerUid} holds in the pools {@code which} accepts; returns how many. */
    int releaseAll(String ownerUid, String ownerResource, Predicate<Allocation> which) {
        List<Allocation> held = store.byOwner(ownerUid).stream().filter(which).toList();
        int released = 0;
        for (Allocation allocation : held) {
            if (release(allocation)) {
                released++;
            }
        }
        metrics.released(ownerResource, released);
        return released;
    }

    /** Releases one allocation, through its pool's allocator when this replica has it. */
    boolean release(Allocation allocation) {
        Optional<PoolAllocator> allocator = pools.byName(allocation.pool());
        if (allocator.isPresent()) {
            return allocator.get().release(allocation.value(), allocation.owner().uid());
        }
        return store.delete(allocation.pool(), allocation.ordinal(), allocation.owner().uid());
    }
}
