package io.kubeplane.ipam.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeplane.controller.EventRecorder;
import io.kubeplane.informer.Store;
import io.kubeplane.ipam.allocation.Allocation;
import io.kubeplane.ipam.allocation.AllocationException;
import io.kubeplane.ipam.allocation.AllocationMetrics;
import io.kubeplane.ipam.allocation.Journal;
import io.kubeplane.ipam.allocation.PoolAllocator;
import io.kubeplane.ipam.allocation.Pools;
import io.kubeplane.ipam.store.AllocationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repair loop: reconciles the allocation table with the Services, Nodes and Pods, as
 * kube-apiserver's ClusterIP and NodePort repair controllers do. Allocations no object carries
 * (an api-server that died between allocating and storing, a missed delete) are released after a
 * grace period; values objects carry that nobody holds are recorded for them, and values carried
 * by one object but held by another are reported as Events. The plan comes from the informer
 * caches, but each release and each record is confirmed against the api-server first, so a cache
 * that lags behind never costs a live object its address. Thread-safe; runs one pass at a time.
 */
final class AllocationRepair {

    private static final Logger log = LoggerFactory.getLogger(AllocationRepair.class);
    private static final List<String> OWNERS = List.of("services", "nodes", "pods");

    private final Store<Service> services;
    private final Store<Node> nodes;
    private final Store<Pod> pods;
    private final Pools pools;
    private final AllocationStore store;
    private final OwnedAddresses addresses;
    private final CarriedValues carriedValues;
    private final KubernetesClient client;
    private final EventRecorder events;
    private final AllocationMetrics metrics;
    private final Clock clock;
    private final Duration grace;
    private volatile @Nullable RepairReport last;

    AllocationRepair(Store<Service> services, Store<Node> nodes, Store<Pod> pods, Pools pools, AllocationStore store,
                     OwnedAddresses addresses, KubernetesClient client, EventRecorder events, AllocationMetrics metrics,
                     Clock clock, Duration grace) {
        this.services = services;
        this.nodes = nodes;
        this.pods = pods;
        this.pools = pools;
        this.store = store;
        this.addresses = addresses;
        this.carriedValues = new CarriedValues(pools);
        this.client = client;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.grace = grace;
    }

    /** The last pass's report, if one ran. */
    Optional<RepairReport> last() {
        return Optional.ofNullable(last);
    }

    synchronized RepairReport run() {
        Instant now = clock.instant();
        List<Allocation> recorded = store.byOwnerResources(OWNERS);
        RepairPlan plan = RepairPlan.of(recorded, carried(), now, grace);
        List<String> released = new ArrayList<>();
        List<String> recordedNow = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (Allocation leak : plan.leaks()) {
            if (!liveObjectCarries(leak) && addresses.release(leak)) {
                released.add(leak.value() + " (" + leak.pool() + ") held by " + leak.owner());
                metrics.repaired("released-leak");
                log.warn("Repair: released {} in {}: {} (uid {}) no longer uses it", leak.value(), leak.pool(),
                        leak.owner(), leak.owner().uid());
            }
        }
        for (RepairPlan.Carried c : plan.unrecorded()) {
            HasMetadata object = live(c);
            if (object == null) {
                continue;
            }
            try {
                record(c);
                recordedNow.add(c.value() + " (" + c.pool() + ") for " + c.owner());
                metrics.repaired("recorded");
                events.warning(object, reason(c.what(), "NotAllocated"), c.what() + " " + c.value()
                        + " is not allocated; repairing");
            } catch (AllocationException.AlreadyAllocated e) {
                // Taken between the plan and now: the next pass reports the conflict.
            }
        }
        for (RepairPlan.Conflict conflict : plan.conflicts()) {
            RepairPlan.Carried c = conflict.carrier();
            HasMetadata object = live(c);
            if (object == null) {
                continue;
            }
            conflicts.add(c.value() + " carried by " + c.owner() + " but held by " + conflict.holder().owner());
            metrics.repaired("conflict");
            events.warning(object, reason(c.what(), "AlreadyAllocated"), c.what() + " " + c.value()
                    + " was assigned to " + c.owner() + " but is held by " + conflict.holder().owner()
                    + "; please recreate " + c.owner());
        }
        RepairReport report = new RepairReport(now, recorded.size(), released, recordedNow, conflicts);
        last = report;
        if (!released.isEmpty() || !recordedNow.isEmpty() || !conflicts.isEmpty()) {
            log.info("Repair pass: {} allocations examined, {} released, {} recorded, {} conflicts", recorded.size(),
                    released.size(), recordedNow.size(), conflicts.size());
        }
        return report;
    }

    private List<RepairPlan.Carried> carried() {
        List<RepairPlan.Carried> carried = new ArrayList<>();
        services.list().forEach(s -> carried.addAll(carriedBy(s)));
        nodes.list().forEach(n -> carried.addAll(carriedBy(n)));
        pods.list().forEach(p -> carried.addAll(carriedBy(p)));
        return carried;
    }

    private void record(RepairPlan.Carried c) {
        PoolAllocator allocator = pools.byName(c.pool()).orElseThrow();
        if (c.slot() != null) {
            Optional<Allocation> held = addresses.held(c.owner().uid(), c.slot());
            if (held.isPresent() && !held.get().value().equals(c.value())) {
                // The object carries another value than the one recorded for it: what it carries wins.
                addresses.release(held.get());
            }
            addresses.take(allocator, c.value(), c.owner(), c.slot());
            return;
        }
        Journal journal = new Journal();
        try {
            allocator.allocate(c.value(), c.owner(), journal);
        } finally {
            journal.finished();
        }
    }

    /** The object as the api-server has it now, if it still is the owner and still carries the value. */
    private @Nullable HasMetadata live(RepairPlan.Carried c) {
        HasMetadata object = get(c.owner().resource(), c.owner().namespace(), c.owner().name());
        if (object == null || !c.owner().uid().equals(object.getMetadata().getUid())) {
            return null;
        }
        return carriedBy(object).stream().anyMatch(v -> v.value().equals(c.value()) && v.pool().equals(c.pool()))
                ? object : null;
    }

    private boolean liveObjectCarries(Allocation allocation) {
        HasMetadata object = get(allocation.owner().resource(), allocation.owner().namespace(), allocation.owner().name());
        return object != null && allocation.owner().uid().equals(object.getMetadata().getUid())
               && carriedBy(object).stream().anyMatch(v -> v.value().equals(allocation.value()));
    }

    private List<RepairPlan.Carried> carriedBy(HasMetadata object) {
        return switch (object) {
            case Service s -> carriedValues.of(s);
            case Node n -> carriedValues.of(n);
            case Pod p -> {
                Node node = nodes.get(null, PodAddressing.nodeName(p));
                yield carriedValues.of(p, node == null ? null : NodeCidrController.podCidr(node));
            }
            default -> List.of();
        };
    }

    private @Nullable HasMetadata get(String resource, String namespace, String name) {
        return switch (resource) {
            case "services" -> client.services().inNamespace(namespace).withName(name).get();
            case "nodes" -> client.nodes().withName(name).get();
            case "pods" -> client.pods().inNamespace(namespace).withName(name).get();
            default -> null;
        };
    }

    /** {@code ClusterIPNotAllocated}, {@code NodePortAlreadyAllocated}, ... as kube-apiserver's repair names them. */
    static String reason(String what, String suffix) {
        return switch (what) {
            case "Cluster IP" -> "ClusterIP" + suffix;
            case "NodePort" -> "Port" + suffix;
            case "podCIDR" -> "PodCIDR" + suffix;
            default -> "IP" + suffix;
        };
    }
}
