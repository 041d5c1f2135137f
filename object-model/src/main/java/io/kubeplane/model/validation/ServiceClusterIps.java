package io.kubeplane.model.validation;

import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The linked Service fields {@code clusterIP}, {@code clusterIPs}, {@code ipFamilies} and
 * {@code ipFamilyPolicy}: their values on their own, their consistency, and how an update may change
 * them (Kubernetes' {@code ValidateServiceClusterIPsRelatedFields} and
 * {@code validateUpgradeDowngrade*}).
 *
 * <p>A client may set only the singular {@code clusterIP} (old clients do); Kubernetes then fills
 * {@code clusterIPs} from it, so here the "effective" list is {@code clusterIPs}, or
 * {@code [clusterIP]} when only that is set. Errors name the field the client actually wrote.
 *
 * <p>Stateless and thread-safe; used by {@link ServiceValidator}.
 */
final class ServiceClusterIps {

    static final String NONE = "None";
    static final List<String> IP_FAMILIES = List.of("IPv4", "IPv6");
    static final List<String> IP_FAMILY_POLICIES = List.of("PreferDualStack", "RequireDualStack", "SingleStack");

    private static final FieldPath SPEC = FieldPath.of("spec");

    private ServiceClusterIps() {
    }

    /** {@code clusterIPs}, or {@code [clusterIP]} when only the singular field is set. */
    static List<String> effective(ServiceSpec spec) {
        List<String> plural = Nulls.list(spec.getClusterIPs());
        if (!plural.isEmpty()) {
            return plural.stream().map(Nulls::str).toList();
        }
        String single = Nulls.str(spec.getClusterIP());
        return single.isEmpty() ? List.of() : List.of(single);
    }

    static boolean isHeadless(ServiceSpec spec) {
        List<String> ips = effective(spec);
        return ips.size() == 1 && ips.getFirst().equals(NONE);
    }

    /** The path of the i-th effective cluster IP: {@code spec.clusterIPs[i]}, or {@code spec.clusterIP} if only that was written. */
    static FieldPath path(ServiceSpec spec, int i) {
        return Nulls.list(spec.getClusterIPs()).isEmpty() ? SPEC.child("clusterIP") : SPEC.child("clusterIPs").index(i);
    }

    /** The path of the whole effective list. */
    static FieldPath path(ServiceSpec spec) {
        return Nulls.list(spec.getClusterIPs()).isEmpty() ? SPEC.child("clusterIP") : SPEC.child("clusterIPs");
    }

    /** The fields on their own and together; not called for ExternalName services, which must leave them unset. */
    static List<FieldError> validate(ServiceSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        FieldPath clusterIPsPath = SPEC.child("clusterIPs");
        String clusterIP = Nulls.str(spec.getClusterIP());
        List<String> plural = Nulls.list(spec.getClusterIPs());
        // Both written: they must agree. Only the plural written: Kubernetes refuses it too.
        if (!clusterIP.isEmpty() && !plural.isEmpty() && !clusterIP.equals(plural.getFirst())) {
            errors.add(FieldError.invalid(clusterIPsPath, plural, "first value must match `clusterIP`"));
        } else if (clusterIP.isEmpty() && !plural.isEmpty()) {
            errors.add(FieldError.invalid(clusterIPsPath, plural, "must be empty when `clusterIP` is not specified"));
        }

        List<String> families = Nulls.list(spec.getIpFamilies());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < families.size(); i++) {
            String family = Nulls.str(families.get(i));
            FieldPath at = SPEC.child("ipFamilies").index(i);
            if (!IP_FAMILIES.contains(family)) {
                errors.add(FieldError.notSupported(at, family, IP_FAMILIES));
            }
            if (!seen.add(family)) {
                errors.add(FieldError.duplicate(at, family));
            }
        }
        String policy = spec.getIpFamilyPolicy();
        if (policy != null && !IP_FAMILY_POLICIES.contains(policy)) {
            errors.add(FieldError.notSupported(SPEC.child("ipFamilyPolicy"), policy, IP_FAMILY_POLICIES));
        }

        List<String> ips = effective(spec);
        boolean invalidIps = false;
        for (int i = 0; i < ips.size(); i++) {
            String ip = ips.get(i);
            if (i == 0 && ip.equals(NONE)) {
                if (ips.size() > 1) {
                    invalidIps = true;
                    errors.add(FieldError.invalid(path(spec), ips, "'None' must be the first and only value"));
                }
                continue;
            }
            List<FieldError> ipErrors = IpValidation.validateIp(ip, path(spec, i));
            invalidIps |= !ipErrors.isEmpty();
            errors.addAll(ipErrors);
        }
        if (ips.size() > 2) {
            errors.add(FieldError.invalid(path(spec), ips, "may only hold up to 2 values"));
        }
        // Bad IPs would make the family checks below report nonsense.
        if (invalidIps) {
            return errors;
        }
        if (ips.size() > 1 && !IpValidation.isDualStack(ips)) {
            errors.add(FieldError.invalid(path(spec), ips, "may specify no more than one IP for each IP family"));
        }
        if (!isHeadless(spec)) {
            for (int i = 0; i < ips.size() && i < families.size(); i++) {
                String family = families.get(i);
                boolean v6 = IpValidation.isIPv6(ips.get(i));
                if ("IPv4".equals(family) && v6 || "IPv6".equals(family) && !v6) {
                    errors.add(FieldError.invalid(path(spec, i), ips.get(i),
                            "expected an " + family + " value as indicated by `ipFamilies[" + i + "]`"));
                }
            }
        }
        if ("SingleStack".equals(policy)) {
            if (ips.size() == 2) {
                errors.add(FieldError.invalid(SPEC.child("ipFamilyPolicy"), policy,
                        "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
            }
            if (families.size() == 2) {
                errors.add(FieldError.invalid(SPEC.child("ipFamilyPolicy"), policy,
                        "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
            }
        }
        return errors;
    }

    /**
     * How an update may change them: the primary IP and family never change once set, a secondary
     * may be added, or released only with {@code ipFamilyPolicy: SingleStack}. Switching to or from
     * ExternalName, or between headless services, is free, as in Kubernetes.
     */
    static List<FieldError> validateUpdate(ServiceSpec spec, ServiceSpec oldSpec) {
        if (ServiceValidator.isExternalName(spec) || ServiceValidator.isExternalName(oldSpec)) {
            return List.of();
        }
        List<FieldError> errors = new ArrayList<>();
        boolean headless = isHeadless(spec);
        boolean oldHeadless = isHeadless(oldSpec);
        if (!(headless && oldHeadless)) {
            errors.addAll(clusterIpChanges(spec, effective(spec), effective(oldSpec)));
        }
        if (headless == oldHeadless && !headless) {
            errors.addAll(familyChanges(spec, Nulls.list(spec.getIpFamilies()), Nulls.list(oldSpec.getIpFamilies())));
        }
        return errors;
    }

    private static List<FieldError> clusterIpChanges(ServiceSpec spec, List<String> ips, List<String> oldIps) {
        List<FieldError> errors = new ArrayList<>();
        if (oldIps.size() == ips.size()) {
            for (int i = 0; i < oldIps.size(); i++) {
                if (!oldIps.get(i).equals(ips.get(i))) {
                    errors.add(FieldError.invalid(path(spec, i), ips, "may not change once set"));
                }
            }
        } else if (oldIps.size() > ips.size()) {
            if (ips.isEmpty()) {
                errors.add(FieldError.invalid(path(spec, 0), ips, "primary clusterIP can not be unset"));
            } else if (!ips.getFirst().equals(oldIps.getFirst())) {
                errors.add(FieldError.invalid(path(spec, 0), ips, "may not change once set"));
            }
            if (ips.size() == 1 && !"SingleStack".equals(spec.getIpFamilyPolicy())) {
                errors.add(FieldError.invalid(SPEC.child("ipFamilyPolicy"), spec.getIpFamilyPolicy(),
                        "must be set to 'SingleStack' when releasing the secondary clusterIP"));
            }
        } else if (!oldIps.isEmpty() && !ips.getFirst().equals(oldIps.getFirst())) {
            errors.add(FieldError.invalid(path(spec, 0), ips, "may not change once set"));
        }
        return errors;
    }

    private static List<FieldError> familyChanges(ServiceSpec spec, List<String> families, List<String> oldFamilies) {
        List<FieldError> errors = new ArrayList<>();
        FieldPath first = SPEC.child("ipFamilies").index(0);
        if (oldFamilies.size() == families.size()) {
            for (int i = 0; i < oldFamilies.size(); i++) {
                if (!Nulls.str(oldFamilies.get(i)).equals(Nulls.str(families.get(i)))) {
                    errors.add(FieldError.invalid(first, families, "may not change once set"));
                }
            }
        } else if (oldFamilies.size() > families.size()) {
            // Kubernetes looks at the IPs here: families left out beside kept IPs are inferred from them.
            if (effective(spec).isEmpty()) {
                errors.add(FieldError.invalid(first, families, "primary ipFamily can not be unset"));
            } else if (!families.isEmpty() && !families.getFirst().equals(oldFamilies.getFirst())) {
                errors.add(FieldError.invalid(first, families, "may not change once set"));
            }
            if (families.size() == 1 && !"SingleStack".equals(spec.getIpFamilyPolicy())) {
                errors.add(FieldError.invalid(SPEC.child("ipFamilyPolicy"), spec.getIpFamilyPolicy(),
                        "must be set to 'SingleStack' when releasing the secondary ipFamily"));
            }
        } else if (!oldFamilies.isEmpty() && !families.getFirst().equals(oldFamilies.getFirst())) {
            errors.add(FieldError.invalid(first, families, "may not change once set"));
        }
        return errors;
    }
}
