package io.kubeplane.ipam.service;

import io.kubeplane.model.validation.FieldError;
import io.kubeplane.model.validation.FieldPath;
import io.kubeplane.model.validation.IpValidation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which IP families a Service gets cluster IPs in, from its {@code ipFamilyPolicy},
 * {@code ipFamilies} and requested {@code clusterIPs} and the families the cluster serves, as
 * kube-apiserver decides: the policy defaults to {@code SingleStack}; families default to those of
 * the requested IPs, else the cluster's primary family; dual-stack policies add the second family
 * when the cluster has one ({@code RequireDualStack} fails when it has not). Pure.
 *
 * @param policy   the resolved policy
 * @param families the families to allocate in, primary first
 */
public record FamilyPlan(String policy, List<String> families) {

    private static final FieldPath SPEC = FieldPath.of("spec");

    /** The plan, or the reasons there is none. */
    public sealed interface Outcome permits Planned, Rejected {
    }

    public record Planned(FamilyPlan plan) implements Outcome {
    }

    public record Rejected(List<FieldError> errors) implements Outcome {
    }

    public static Outcome resolve(@Nullable String policy, List<String> ipFamilies, List<String> requested,
                                  List<String> clusterFamilies) {
        String resolvedPolicy = policy == null || policy.isEmpty() ? "SingleStack" : policy;
        List<String> families = new ArrayList<>(ipFamilies);
        if (families.isEmpty()) {
            requested.stream().filter(ip -> !ip.isEmpty()).map(ip -> IpValidation.isIPv6(ip) ? "IPv6" : "IPv4")
                    .distinct().forEach(families::add);
        }
        if (families.isEmpty()) {
            families.add(clusterFamilies.getFirst());
        }
        List<FieldError> errors = new ArrayList<>();
        boolean dualStackCluster = clusterFamilies.size() > 1;
        if (resolvedPolicy.equals("RequireDualStack") && !dualStackCluster) {
            errors.add(FieldError.invalid(SPEC.child("ipFamilyPolicy"), resolvedPolicy,
                    "this cluster is not configured for dual-stack services"));
        }
        for (int i = 0; i < families.size(); i++) {
            if (!clusterFamilies.contains(families.get(i))) {
                errors.add(FieldError.invalid(SPEC.child("ipFamilies").index(i), families.get(i),
                        "not configured on this cluster"));
            }
        }
        if (!errors.isEmpty()) {
            return new Rejected(errors);
        }
        if (!resolvedPolicy.equals("SingleStack") && dualStackCluster && families.size() == 1) {
            clusterFamilies.stream().filter(f -> !families.contains(f)).findFirst().ifPresent(families::add);
        }
        return new Planned(new FamilyPlan(resolvedPolicy, List.copyOf(families)));
    }
}
