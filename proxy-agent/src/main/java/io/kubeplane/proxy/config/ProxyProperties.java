package io.kubeplane.proxy.config;

import io.kubeplane.proxy.rules.RuleOptions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The node's service proxy, under {@code kubeplane.agent.proxy}.
 *
 * @param mode           {@code dry-run} (default: computed, shown, not applied), {@code iptables},
 *                       {@code nftables} (both need NET_ADMIN), {@code ipvs} (rendered; applied only where the
 *                       kernel has ip_vs) or {@code userspace} (a TCP/UDP proxy on Netty, no privileges; the
 *                       local cluster's mode, which also needs the node duties to serve the node's pods)
 * @param minSyncPeriod  changes closer together than this are applied in one sync (kube-proxy: 1 s)
 * @param syncPeriod     a sync runs at least this often even without changes
 * @param balancing      userspace: {@code random}, {@code round-robin} or {@code least-connections}
 * @param connector      userspace: how it reaches a pod: {@code agents} (through the pod's node agent, where
 *                       pod IPs are not routable, as in the local cluster) or {@code direct}
 * @param podNetworkPort the port every agent serves its pods' traffic on, at its node IP
 * @param drainPeriod    userspace: how long a connection to a removed endpoint may go on
 * @param netns          iptables/nftables: program this network namespace instead of the agent's own
 * @param clusterDnsIp   the nameserver in the pods' resolv.conf
 * @param ipvsScheduler  ipvs: {@code rr}, {@code lc} or {@code sh}
 * @param clusterCidrs   iptables/nftables: the pod ranges (kube-proxy's {@code --cluster-cidr}); traffic to a
 *                       ClusterIP from outside them is masqueraded
 * @param serviceCidrs   nftables: the ClusterIP ranges; traffic to an unallocated ClusterIP is dropped
 * @param masqueradeAll  iptables/nftables: masquerade all traffic to a ClusterIP ({@code --masquerade-all})
 */
@ConfigurationProperties("kubeplane.agent.proxy")
public record ProxyProperties(String mode, Duration minSyncPeriod, Duration syncPeriod, String balancing,
                              String connector, int podNetworkPort, Duration drainPeriod, @Nullable String netns,
                              String clusterDnsIp, String ipvsScheduler, @Nullable List<String> clusterCidrs,
                              @Nullable List<String> serviceCidrs, boolean masqueradeAll) {

    static final Set<String> MODES = Set.of("userspace", "iptables", "nftables", "ipvs", "dry-run");

    public ProxyProperties {
        mode = blank(mode) ? "dry-run" : mode;
        minSyncPeriod = minSyncPeriod == null ? Duration.ofMillis(200) : minSyncPeriod;
        syncPeriod = syncPeriod == null ? Duration.ofSeconds(30) : syncPeriod;
        balancing = blank(balancing) ? "random" : balancing;
        connector = blank(connector) ? "agents" : connector;
        podNetworkPort = podNetworkPort == 0 ? 10260 : podNetworkPort;
        drainPeriod = drainPeriod == null ? Duration.ofSeconds(10) : drainPeriod;
        clusterDnsIp = blank(clusterDnsIp) ? "10.96.0.10" : clusterDnsIp;
        ipvsScheduler = blank(ipvsScheduler) ? "rr" : ipvsScheduler;
        clusterCidrs = clusterCidrs == null ? RuleOptions.DEFAULTS.podCidrs() : List.copyOf(clusterCidrs);
        serviceCidrs = serviceCidrs == null ? RuleOptions.DEFAULTS.serviceCidrs() : List.copyOf(serviceCidrs);
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("kubeplane.agent.proxy.mode must be one of " + MODES + ", was " + mode);
        }
        if (!Set.of("random", "round-robin", "least-connections").contains(balancing)) {
            throw new IllegalArgumentException(
                    "kubeplane.agent.proxy.balancing must be random, round-robin or least-connections, was " + balancing);
        }
        if (!Set.of("agents", "direct").contains(connector)) {
            throw new IllegalArgumentException("kubeplane.agent.proxy.connector must be agents or direct, was " + connector);
        }
        if (!Set.of("rr", "lc", "sh").contains(ipvsScheduler)) {
            throw new IllegalArgumentException("kubeplane.agent.proxy.ipvs-scheduler must be rr, lc or sh, was " + ipvsScheduler);
        }
    }

    /** What the iptables and nftables renderers need beyond the desired state. */
    public RuleOptions ruleOptions() {
        return new RuleOptions(clusterCidrs, serviceCidrs, masqueradeAll, RuleOptions.DEFAULTS.masqueradeBit());
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}
