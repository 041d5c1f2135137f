package io.kubeplane.proxy.rules;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The kube-proxy settings the renderers need that a {@link io.kubeplane.proxy.desired.ProxyState}
 * does not carry. Immutable.
 *
 * @param podCidrs      the cluster's pod ranges ({@code --cluster-cidr}), at most one per family: kube-proxy's
 *                      local-traffic detector. Traffic to a ClusterIP from outside them is masqueraded, and
 *                      pod traffic to an external address of a Local service is short-circuited. Empty: no
 *                      detector, as kube-proxy without {@code --cluster-cidr}.
 * @param serviceCidrs  the ClusterIP ranges; nftables drops traffic to unallocated ClusterIPs in them
 * @param masqueradeAll {@code --masquerade-all}: masquerade all traffic to a ClusterIP
 * @param masqueradeBit {@code --iptables-masquerade-bit}, 14 by default: the packet mark {@code 0x4000}
 */
public record RuleOptions(List<String> podCidrs, List<String> serviceCidrs, boolean masqueradeAll, int masqueradeBit) {

    /** kubeplane's ranges: pods {@code 10.244.0.0/16}, ClusterIPs {@code 10.96.0.0/12}, mark bit 14. */
    public static final RuleOptions DEFAULTS = new RuleOptions(List.of("10.244.0.0/16"), List.of("10.96.0.0/12"),
            false, 14);

    public RuleOptions {
        podCidrs = List.copyOf(podCidrs);
        serviceCidrs = List.copyOf(serviceCidrs);
        if (masqueradeBit < 0 || masqueradeBit > 31) {
            throw new IllegalArgumentException("masqueradeBit must be in [0, 31], was " + masqueradeBit);
        }
    }

    /** The pod range of {@code family}, or null when the detector is off for it. */
    public @Nullable String podCidr(IpFamily family) {
        return podCidrs.stream().filter(family::contains).findFirst().orElse(null);
    }

    /** The service ranges of {@code family}, comma-separated as nftables wants them, or empty. */
    public String serviceCidrs(IpFamily family) {
        return String.join(", ", serviceCidrs.stream().filter(family::contains).toList());
    }

    /** {@code 0x4000} for bit 14. */
    public String mark() {
        return "0x" + Integer.toHexString(1 << masqueradeBit).toLowerCase(Locale.ROOT);
    }
}
