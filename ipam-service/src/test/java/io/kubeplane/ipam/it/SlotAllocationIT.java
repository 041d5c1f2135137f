package io.kubeplane.ipam.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.ipam.allocation.Allocation;
import io.kubeplane.ipam.allocation.AllocationException;
import io.kubeplane.ipam.allocation.Journal;
import io.kubeplane.ipam.allocation.Owner;
import io.kubeplane.ipam.allocation.PoolAllocator;
import io.kubeplane.ipam.allocation.Pools;
import io.kubeplane.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one-value-per-slot allocations behind node podCIDRs, pod IPs and LoadBalancer IPs, with two
 * ipam-service replicas on one database: replicas racing for the same owner give it one value,
 * never two, and a pod range fills up to a clear exhaustion.
 */
class SlotAllocationIT {

    private static TestDatabase database;
    private static IpamInstance first;
    private static IpamInstance second;

    @BeforeAll
    static void start() {
        database = TestDatabase.create();
        first = new IpamInstance(database);
        second = new IpamInstance(database);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
        database.close();
    }

    private static Allocation takeAny(PoolAllocator allocator, Owner owner, String slot) {
        Journal journal = new Journal();
        try {
            return allocator.allocateAnyInSlot(owner, slot, journal);
        } finally {
            journal.finished();
        }
    }

    @Test
    void twoReplicasRacingForTheSameOwnersGiveEachOneValue() throws Exception {
        PoolAllocator a = first.context().getBean(Pools.class).podRange("10.244.7.0/24");
        PoolAllocator b = second.context().getBean(Pools.class).podRange("10.244.7.0/24");
        List<Owner> pods = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pods.add(new Owner("pods", "race", "p" + i, "uid-race-" + i));
        }
        List<Future<Allocation>> results = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            for (Owner pod : pods) {
                for (PoolAllocator replica : List.of(a, b, a, b)) {
                    results.add(clients.submit(() -> takeAny(replica, pod, "podIP")));
                }
            }
        }
        Set<String> perOwner = new HashSet<>();
        for (Future<Allocation> result : results) {
            Allocation allocation = result.get();
            perOwner.add(allocation.owner().uid() + "=" + allocation.value());
        }
        // Every attempt for one pod saw the same address, and no address went to two pods.
        assertThat(perOwner).hasSize(100);
        assertThat(perOwner.stream().map(s -> s.substring(s.indexOf('=') + 1)).distinct()).hasSize(100);
        assertThat(perOwner).allSatisfy(s -> assertThat(s).doesNotEndWith("=10.244.7.1"));
    }

    @Test
    void aRequestedValueIsConfirmedForItsHolderAndRefusedToOthers() {
        Pools pools = first.context().getBean(Pools.class);
        PoolAllocator cidrs = pools.nodeCidrs();
        Owner node = new Owner("nodes", "", "node-x", "uid-node-x");
        Journal journal = new Journal();
        try {
            Allocation taken = cidrs.allocateInSlot("10.244.200.0/24", node, "podCIDR", journal);
            assertThat(cidrs.allocateInSlot("10.244.200.0/24", node, "podCIDR", journal))
                    .usingRecursiveComparison().ignoringFields("allocatedAt").isEqualTo(taken);
            Assertions.assertThatThrownBy(() -> cidrs.allocateInSlot("10.244.200.0/24",
                            new Owner("nodes", "", "node-y", "uid-node-y"), "podCIDR", journal))
                    .isInstanceOf(AllocationException.AlreadyAllocated.class)
                    .hasMessageContaining("nodes/node-x");
            Assertions.assertThatThrownBy(() -> cidrs.allocateInSlot("10.244.201.0/24", node, "podCIDR", journal))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already holds 10.244.200.0/24");
        } finally {
            journal.finished();
        }
    }

    @Test
    void aPodRangeFillsToAClearExhaustion() {
        PoolAllocator range = first.context().getBean(Pools.class).podRange("10.244.9.0/29");
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ips.add(takeAny(range, new Owner("pods", "full", "p" + i, "uid-full-" + i), "podIP").value());
        }
        assertThat(ips).containsExactly("10.244.9.2", "10.244.9.3", "10.244.9.4", "10.244.9.5", "10.244.9.6");
        Assertions.assertThatThrownBy(() -> takeAny(range, new Owner("pods", "full", "p5", "uid-full-5"), "podIP"))
                .isInstanceOf(AllocationException.Exhausted.class).hasMessageContaining("10.244.9.0/29 is full");
    }
}
