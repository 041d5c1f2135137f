package io.kubeplane.ipam.controller;

import io.fabric8.kubernetes.api.model.Service;
import io.kubeplane.controller.EventRecorder;
import io.kubeplane.controller.Reconciler;
import io.kubeplane.controller.WorkQueue;
import io.kubeplane.informer.ResourceEventHandler;
import io.kubeplane.informer.Store;
import io.kubeplane.ipam.allocation.Allocation;
import io.kubeplane.ipam.allocation.AllocationException;
import io.kubeplane.ipam.allocation.Owner;
import io.kubeplane.ipam.allocation.PoolAllocator;
import io.kubeplane.ipam.allocation.Pools;
import io.kubeplane.ipam.pool.PoolKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives LoadBalancer Services an external IP without a cloud, as MetalLB or k3s' ServiceLB do: one
 * from the Service's pool ({@link LoadBalancerPlan}), written to {@code status.loadBalancer.ingress}
 * so {@code kubectl get svc} shows an EXTERNAL-IP instead of {@code <pending>}. A Service that
 * stops being a LoadBalancer gives its IP back and loses the ingress. When the pool is full, or the
 * requested IP is taken, the Service stays pending with an {@code AllocationFailed} Event and is
 * served as soon as an IP is released. Keys are {@code namespace/name}.
 */
final class LoadBalancerController implements Reconciler<String>, ResourceEventHandler<Service> {

    private static final Logger log = LoggerFactory.getLogger(LoadBalancerController.class);

    private final Store<Service> services;
    private final Pools pools;
    private final OwnedAddresses addresses;
    private final ClusterWrites writes;
    private final EventRecorder events;
    private final WorkQueue<String> queue;
    /** Services waiting for an IP to be freed. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    LoadBalancerController(Store<Service> services, Pools pools, OwnedAddresses addresses, ClusterWrites writes,
                           EventRecorder events, WorkQueue<String> queue) {
        this.services = services;
        this.pools = pools;
        this.addresses = addresses;
        this.writes = writes;
        this.events = events;
        this.queue = queue;
    }

    @Override
    public void onAdd(Service service) {
        if (concerned(service)) {
            queue.add(key(service));
        }
    }

    @Override
    public void onUpdate(Service oldService, Service newService) {
        if (concerned(oldService) || concerned(newService)) {
            queue.add(key(newService));
        }
    }

    @Override
    public void onDelete(Service service) {
        pending.remove(key(service));
        if (addresses.releaseAll(service.getMetadata().getUid(), "services", LoadBalancerController::isLoadBalancerIp) > 0) {
            ipFreed();
        }
    }

    @Override
    public Result reconcile(String key) {
        Service service = services.getByKey(key);
        if (service == null) {
            pending.remove(key);
            return Result.DONE;
        }
        String uid = service.getMetadata().getUid();
        Optional<Allocation> held = addresses.held(uid, OwnedAddresses.LOAD_BALANCER_IP);
        LoadBalancerPlan plan = LoadBalancerPlan.of(service, List.copyOf(pools.loadBalancerPools().keySet()));
        switch (plan) {
            case LoadBalancerPlan.NotWanted ignored -> {
                pending.remove(key);
                held.ifPresent(this::giveBack);
                if (!LoadBalancerPlan.ingressIps(service).isEmpty()) {
                    writes.setLoadBalancerIngress(namespace(service), name(service), uid, List.of());
                }
                return Result.DONE;
            }
            case LoadBalancerPlan.Unservable unservable -> {
                pending.remove(key);
                held.ifPresent(this::giveBack);
                events.warning(service, "AllocationFailed", "Failed to allocate IP for \"" + key + "\": " + unservable.message());
                return Result.DONE;
            }
            case LoadBalancerPlan.Wanted wanted -> {
                List<PoolAllocator> ranges = pools.loadBalancerPools().get(wanted.pool());
                Set<String> rangeNames = ranges.stream().map(a -> a.pool().name()).collect(Collectors.toSet());
                if (held.isPresent() && !LoadBalancerPlan.stillServes(wanted, held.get().value(), held.get().pool(), rangeNames)) {
                    giveBack(held.get());
                    held = Optional.empty();
                }
                Optional<String> ip = held.map(Allocation::value).or(() -> allocate(service, wanted, ranges));
                if (ip.isEmpty()) {
                    pending.add(key);
                    return Result.BACKOFF;
                }
                pending.remove(key);
                if (!LoadBalancerPlan.ingressIps(service).equals(List.of(ip.get()))) {
                    if (!writes.setLoadBalancerIngress(namespace(service), name(service), uid, List.of(ip.get()))) {
                        return Result.DONE; // gone: its deletion releases the IP
                    }
                    events.normal(service, "IPAllocated", "Assigned IP [\"" + ip.get() + "\"] from pool " + wanted.pool());
                    log.info("Service {}: LoadBalancer IP {} from pool {}", key, ip.get(), wanted.pool());
                }
                return Result.DONE;
            }
        }
    }

    private Optional<String> allocate(Service service, LoadBalancerPlan.Wanted plan, List<PoolAllocator> ranges) {
        Owner owner = Owner.service(namespace(service), name(service), service.getMetadata().getUid());
        String failure;
        if (!plan.requested().isEmpty()) {
            Optional<PoolAllocator> range = ranges.stream().filter(a -> a.contains(plan.requested())).findFirst();
            if (range.isEmpty()) {
                failure = "spec.loadBalancerIP " + plan.requested() + " is not in pool " + plan.pool() + " ("
                          + ranges.stream().map(a -> a.pool().range()).collect(Collectors.joining(", ")) + ")";
            } else {
                try {
                    return Optional.of(addresses.take(range.get(), plan.requested(), owner, OwnedAddresses.LOAD_BALANCER_IP).value());
                } catch (AllocationException.AlreadyAllocated e) {
                    failure = e.getMessage();
                }
            }
        } else {
            for (PoolAllocator range : ranges) {
                try {
                    return Optional.of(addresses.takeAny(range, owner, OwnedAddresses.LOAD_BALANCER_IP).value());
                } catch (AllocationException.Exhausted e) {
                    // try the pool's next range
                }
            }
            failure = "no available IPs in pool \"" + plan.pool() + "\"";
        }
        events.warning(service, "AllocationFailed", "Failed to allocate IP for \"" + key(service) + "\": " + failure);
        return Optional.empty();
    }

    private void giveBack(Allocation allocation) {
        if (addresses.release(allocation)) {
            log.info("Service {}: released LoadBalancer IP {}", allocation.owner(), allocation.value());
            ipFreed();
        }
    }

    /** An IP went back to a pool: every Service waiting for one tries again. */
    private void ipFreed() {
        pending.forEach(queue::add);
    }

    /** How many Services are waiting for an IP. */
    int pendingCount() {
        return pending.size();
    }

    private static boolean concerned(Service service) {
        return !(LoadBalancerPlan.of(service, List.of("any")) instanceof LoadBalancerPlan.NotWanted)
               || !LoadBalancerPlan.ingressIps(service).isEmpty();
    }

    static boolean isLoadBalancerIp(Allocation allocation) {
        return allocation.pool().startsWith(PoolKind.LOAD_BALANCER_IPS.label() + ":");
    }

    private static String namespace(Service service) {
        return service.getMetadata().getNamespace();
    }

    private static String name(Service service) {
        return service.getMetadata().getName();
    }

    static String key(Service service) {
        return namespace(service) + "/" + name(service);
    }
}
