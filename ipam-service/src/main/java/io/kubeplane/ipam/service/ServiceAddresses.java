package io.kubeplane.ipam.service;

import io.kubeplane.ipam.allocation.Allocation;
import io.kubeplane.ipam.allocation.AllocationException;
import io.kubeplane.ipam.allocation.Journal;
import io.kubeplane.ipam.allocation.Owner;
import io.kubeplane.ipam.allocation.PoolAllocator;
import io.kubeplane.ipam.allocation.Pools;
import io.kubeplane.ipam.service.ServiceAllocationRequest.ClusterIpRequest;
import io.kubeplane.ipam.service.ServiceAllocationRequest.NodePortRequest;
import io.kubeplane.model.validation.FieldError;
import io.kubeplane.model.validation.FieldPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.kubeplane.ipam.allocation.AllocationMetrics;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Allocates and releases what Services hold: cluster IPs from the service CIDRs and NodePorts. One
 * request is one transaction: every value is taken or none is. Thread-safe.
 */
@Service
public class ServiceAddresses {

    private static final FieldPath SPEC = FieldPath.of("spec");

    private final Pools pools;
    private final TransactionTemplate transactions;
    private final AllocationMetrics metrics;

    public ServiceAddresses(Pools pools, TransactionTemplate transactions, AllocationMetrics metrics) {
        this.pools = pools;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    /**
     * Takes what the Service needs, confirming what it already holds.
     *
     * @throws ServiceAllocationFailure when a requested value is taken or out of range, or a range is full
     */
    public ServiceAllocation allocate(ServiceAllocationRequest request) {
        Owner owner = Owner.service(request.namespace(), request.name(), request.uid());
        Journal journal = new Journal();
        try {
            ServiceAllocation result = transactions.execute(tx -> {
                List<FieldError> errors = new ArrayList<>();
                ClusterIps ips = request.clusterIPs() == null ? ClusterIps.NONE
                        : clusterIps(request.clusterIPs(), owner, journal, errors);
                List<ServiceAllocation.NodePort> nodePorts = nodePorts(request.nodePorts(), owner, journal, errors);
                Integer healthCheck = request.healthCheckNodePort() == null ? null
                        : healthCheckNodePort(request.healthCheckNodePort(), nodePorts, owner, journal, errors);
                if (!errors.isEmpty()) {
                    throw new ServiceAllocationFailure(errors);
                }
                if (request.dryRun()) {
                    tx.setRollbackOnly();
                }
                return new ServiceAllocation(ips.addresses(), ips.families(), ips.policy(), nodePorts, healthCheck,
                        released(request.uid(), journal.allocations()));
            });
            if (request.dryRun()) {
                journal.rolledBack();
            } else {
                metrics.allocated(journal.allocations());
            }
            return result;
        } catch (RuntimeException e) {
            journal.rolledBack();
            if (e instanceof ServiceAllocationFailure) {
                metrics.failed("services");
            }
            throw e;
        } finally {
            journal.finished();
        }
    }

    /** Gives back the listed values if the Service (by uid) holds them; returns what was released. */
    public ServiceAllocation.Released release(ServiceAllocation.Released values) {
        List<String> ips = values.clusterIPs().stream()
                .filter(ip -> pools.serviceRanges().stream().anyMatch(a -> a.release(ip, values.uid()))).toList();
        List<Integer> ports = values.nodePorts().stream()
                .filter(port -> pools.nodePorts().release(Integer.toString(port), values.uid())).toList();
        metrics.released("services", ips.size() + ports.size());
        return new ServiceAllocation.Released(values.uid(), ips, ports);
    }

    private record ClusterIps(List<String> addresses, List<String> families, String policy) {
        static final ClusterIps NONE = new ClusterIps(List.of(), List.of(), null);
    }

    private ClusterIps clusterIps(ClusterIpRequest request, Owner owner, Journal journal, List<FieldError> errors) {
        FamilyPlan.Outcome outcome = FamilyPlan.resolve(request.ipFamilyPolicy(), request.ipFamilies(), request.requested(),
                pools.serviceFamilies());
        if (outcome instanceof FamilyPlan.Rejected rejected) {
            errors.addAll(rejected.errors());
            return ClusterIps.NONE;
        }
        FamilyPlan plan = ((FamilyPlan.Planned) outcome).plan();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < plan.families().size(); i++) {
            String family = plan.families().get(i);
            String wanted = i < request.requested().size() ? request.requested().get(i) : "";
            try {
                addresses.add(wanted.isEmpty() ? anyIn(family, owner, journal) : requestedIp(family, wanted, owner, journal));
            } catch (AllocationException e) {
                String detail = wanted.isEmpty() ? "failed to allocate a serviceIP: " + e.getMessage()
                        : "failed to allocate IP " + wanted + ": " + e.getMessage();
                errors.add(FieldError.invalid(SPEC.child("clusterIPs"), request.requested(), detail));
            }
        }
        return new ClusterIps(addresses, plan.families(), plan.policy());
    }

    private String anyIn(String family, Owner owner, Journal journal) {
        AllocationException last = null;
        for (PoolAllocator range : pools.serviceRanges(family)) {
            try {
                return range.allocateAny(owner, journal).value();
            } catch (AllocationException.Exhausted e) {
                last = e;
            }
        }
        throw last != null ? last : new AllocationException.Exhausted("no " + family + " service range");
    }

    private String requestedIp(String family, String ip, Owner owner, Journal journal) {
        PoolAllocator range = pools.serviceRanges(family).stream().filter(a -> a.contains(ip)).findFirst()
                .orElseThrow(() -> new AllocationException.NotInRange(ip, "the provided IP (" + ip
                        + ") is not in the valid range. The range of valid IPs is "
                        + String.join(",", pools.serviceRanges(family).stream().map(a -> a.pool().range()).toList())));
        Optional<Allocation> taken = range.allocate(ip, owner, journal);
        return taken.map(Allocation::value).orElse(ip);
    }

    /** A NodePort per port; ports with the same port number (TCP and UDP of one service) share one. */
    private List<ServiceAllocation.NodePort> nodePorts(List<NodePortRequest> requests, Owner owner, Journal journal,
                                                       List<FieldError> errors) {
        List<ServiceAllocation.NodePort> result = new ArrayList<>();
        Map<Integer, Integer> byServicePort = new HashMap<>();
        Map<Integer, Boolean> held = new HashMap<>();
        for (NodePortRequest request : requests) {
            FieldPath path = SPEC.child("ports").index(request.index()).child("nodePort");
            try {
                int nodePort;
                if (request.nodePort() != 0) {
                    nodePort = request.nodePort();
                    if (held.putIfAbsent(nodePort, true) == null) {
                        pools.nodePorts().allocate(Integer.toString(nodePort), owner, journal);
                    }
                } else if (byServicePort.containsKey(request.port())) {
                    nodePort = byServicePort.get(request.port());
                } else {
                    nodePort = Integer.parseInt(pools.nodePorts().allocateAny(owner, journal).value());
                    held.put(nodePort, true);
                }
                byServicePort.putIfAbsent(request.port(), nodePort);
                result.add(new ServiceAllocation.NodePort(request.index(), nodePort));
            } catch (AllocationException.Exhausted e) {
                errors.add(FieldError.invalid(path, request.nodePort(), "failed to allocate a nodePort: " + e.getMessage()));
            } catch (AllocationException e) {
                errors.add(FieldError.invalid(path, request.nodePort(), e.getMessage()));
            }
        }
        return result;
    }

    /** The health-check NodePort: its own port from the NodePort range, never one of the Service's NodePorts. */
    private @Nullable Integer healthCheckNodePort(int requested, List<ServiceAllocation.NodePort> nodePorts, Owner owner,
                                                  Journal journal, List<FieldError> errors) {
        FieldPath path = SPEC.child("healthCheckNodePort");
        try {
            if (requested == 0) {
                return Integer.parseInt(pools.nodePorts().allocateAny(owner, journal).value());
            }
            if (nodePorts.stream().anyMatch(p -> p.nodePort() == requested)) {
                errors.add(FieldError.invalid(path, requested, "provided port is already allocated"));
                return null;
            }
            pools.nodePorts().allocate(Integer.toString(requested), owner, journal);
            return requested;
        } catch (AllocationException.Exhausted e) {
            errors.add(FieldError.invalid(path, requested, "failed to allocate a nodePort: " + e.getMessage()));
        } catch (AllocationException e) {
            errors.add(FieldError.invalid(path, requested, e.getMessage()));
        }
        return null;
    }

    private ServiceAllocation.Released released(String uid, List<Allocation> taken) {
        List<String> ips = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        String nodePortPool = pools.nodePorts().pool().name();
        for (Allocation a : taken) {
            if (a.pool().equals(nodePortPool)) {
                ports.add(Integer.parseInt(a.value()));
            } else {
                ips.add(a.value());
            }
        }
        return new ServiceAllocation.Released(uid, ips, ports);
    }
}
