package io.kubeplane.ipam.controller;

import io.kubeplane.ipam.allocation.Allocation;
import io.kubeplane.ipam.allocation.Owner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the repair loop should do, from the allocation table and the values the objects carry, as
 * kube-apiserver's ClusterIP and NodePort repair controllers decide it. Pure.
 *
 * @param leaks      allocations no object carries, older than the grace period: to release
 * @param unrecorded values objects carry that nobody holds: to record for them
 * @param conflicts  values objects carry that another owner holds: to report
 */
record RepairPlan(List<Allocation> leaks, List<Carried> unrecorded, List<Conflict> conflicts) {

    /**
     * A value an object carries in its spec or status.
     *
     * @param owner the object
     * @param pool  the pool the value belongs to
     * @param value the value
     * @param slot  the slot it fills (podIP, podCIDR, loadBalancerIP), or null for a Service's
     *              ClusterIPs and NodePorts
     * @param what  how people call it in messages: {@code Cluster IP}, {@code NodePort}, {@code pod IP}
     */
    record Carried(Owner owner, String pool, String value, @Nullable String slot, String what) {
    }

    /** A value carried by {@code carrier} but held by {@code holder}. */
    record Conflict(Carried carrier, Allocation holder) {
    }

    static RepairPlan of(List<Allocation> recorded, List<Carried> carried, Instant now, Duration grace) {
        Map<String, Allocation> byValue = new HashMap<>();
        for (Allocation a : recorded) {
            byValue.put(a.pool() + " " + a.value(), a);
        }
        Set<String> inUse = new HashSet<>();
        List<Carried> unrecorded = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        for (Carried c : carried) {
            Allocation holder = byValue.get(c.pool() + " " + c.value());
            if (holder == null) {
                unrecorded.add(c);
            } else if (holder.owner().uid().equals(c.owner().uid())) {
                inUse.add(c.pool() + " " + c.value());
            } else {
                conflicts.add(new Conflict(c, holder));
            }
        }
        Instant cutoff = now.minus(grace);
        List<Allocation> leaks = recorded.stream()
                .filter(a -> !inUse.contains(a.pool() + " " + a.value()) && a.allocatedAt().isBefore(cutoff))
                .toList();
        return new RepairPlan(leaks, unrecorded, conflicts);
    }
}
