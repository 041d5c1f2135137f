package io.kubeplane.ipam.controller;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a Service asks of the LoadBalancer IP allocator. Pure.
 *
 * <p>A Service of type LoadBalancer without a {@code spec.loadBalancerClass} (or with
 * {@value #CLASS}) gets one ingress IP, from the pool its {@value #POOL_ANNOTATION} annotation
 * names, else the pool named {@value #DEFAULT_POOL}, else the first configured pool; {@code spec.loadBalancerIP}, when set, is the IP it
 * wants. Services of another class belong to another implementation and are left alone.
 */
sealed interface LoadBalancerPlan {

    /** The annotation that chooses a pool, as MetalLB's {@code metallb.universe.tf/address-pool} does. */
    String POOL_ANNOTATION = "kubeplane.io/load-balancer-pool";
    /** The pool of Services that name none; without a pool of that name, the first configured one. */
    String DEFAULT_POOL = "default";
    /** The {@code spec.loadBalancerClass} kubeplane answers to, besides none. */
    String CLASS = "kubeplane.io/ipam";

    /** Not a LoadBalancer kubeplane serves: whatever it holds goes back. */
    record NotWanted() implements LoadBalancerPlan {
    }

    /** An IP from {@code pool}: {@code requested} or, when empty, any free one. */
    record Wanted(String pool, String requested) implements LoadBalancerPlan {
    }

    /** A LoadBalancer that cannot be served as it is written; {@code message} says why. */
    record Unservable(String message) implements LoadBalancerPlan {
    }

    static LoadBalancerPlan of(Service service, List<String> pools) {
        if (service.getSpec() == null || !"LoadBalancer".equals(service.getSpec().getType())) {
            return new NotWanted();
        }
        String lbClass = service.getSpec().getLoadBalancerClass();
        if (lbClass != null && !lbClass.isEmpty() && !lbClass.equals(CLASS)) {
            return new NotWanted();
        }
        Map<String, String> annotations = service.getMetadata().getAnnotations();
        String named = annotations == null ? null : annotations.get(POOL_ANNOTATION);
        if (pools.isEmpty()) {
            return new Unservable("no LoadBalancer IP pool is configured (kubeplane.ipam.load-balancer-pools)");
        }
        if (named != null && !named.isBlank() && !pools.contains(named)) {
            return new Unservable("the pool \"" + named + "\" named by " + POOL_ANNOTATION + " does not exist; pools: "
                                  + String.join(", ", pools));
        }
        String pool = named != null && !named.isBlank() ? named : pools.contains(DEFAULT_POOL) ? DEFAULT_POOL : pools.getFirst();
        String requested = service.getSpec().getLoadBalancerIP();
        return new Wanted(pool, requested == null ? "" : requested.strip());
    }

    /** The ingress IPs the Service's status shows now. */
    static List<String> ingressIps(Service service) {
        if (service.getStatus() == null || service.getStatus().getLoadBalancer() == null
            || service.getStatus().getLoadBalancer().getIngress() == null) {
            return List.of();
        }
        return service.getStatus().getLoadBalancer().getIngress().stream().map(LoadBalancerIngress::getIp)
                .filter(Objects::nonNull).toList();
    }

    /**
     * Whether the IP a Service holds still serves its plan: the requested one, if it asks for one,
     * and from one of the planned pool's ranges.
     *
     * @param heldRange   the name of the range the held IP came from
     * @param plannedRanges the names of the planned pool's ranges
     */
    static boolean stillServes(Wanted plan, String heldIp, String heldRange, Set<String> plannedRanges) {
        return (plan.requested().isEmpty() || plan.requested().equals(heldIp)) && plannedRanges.contains(heldRange);
    }
}
