package io.kubeplane.dns.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * dns-service's settings, under {@code kubeplane.dns}.
 *
 * @param zone        the cluster domain ({@code cluster.local})
 * @param ttl         the TTL of every answer, in seconds (5)
 * @param bindAddress where DNS listens ({@code 127.0.0.1})
 * @param port        the UDP and TCP port (10053; 0 picks a free one)
 * @param topicPrefix the prefix of the event topics ({@code kubeplane})
 * @param upstreams   resolvers for names outside the zone, {@code host[:port]}, tried in order;
 *                    none: such names are REFUSED
 * @param upstreamTimeout how long each upstream has to answer (2 s)
 * @param apiServer   where this replica registers itself as {@code kube-system/kube-dns}, e.g.
 *                    {@code https://127.0.0.1:6443}; none: it does not
 * @param tokenFile   its bearer token, with {@code apiServer}
 * @param caFile      the PEM CA of the api-server's certificate, for https
 * @param serviceIp   the ClusterIP of {@code kube-system/kube-dns} ({@code 10.96.0.10}, the tenth address of the
 *                    default service range, which the pods' resolv.conf names)
 * @param advertiseAddress the address this replica is listed under in the Endpoints (the bind address)
 * @param replicaName this replica's name, for its Lease (the host name)
 */
@ConfigurationProperties("kubeplane.dns")
public record DnsProperties(String zone, long ttl, String bindAddress, int port, String topicPrefix, List<String> upstreams,
                            Duration upstreamTimeout, @Nullable String apiServer, @Nullable Path tokenFile,
                            @Nullable Path caFile, String serviceIp, String advertiseAddress, String replicaName) {

    public DnsProperties {
        zone = zone == null || zone.isBlank() ? "cluster.local" : zone;
        ttl = ttl <= 0 ? 5 : ttl;
        bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("kubeplane.dns.port must be 0..65535, was " + port);
        }
        topicPrefix = topicPrefix == null || topicPrefix.isBlank() ? "kubeplane" : topicPrefix;
        upstreams = upstreams == null ? List.of() : upstreams.stream().filter(u -> !u.isBlank()).toList();
        upstreamTimeout = upstreamTimeout == null ? Duration.ofSeconds(2) : upstreamTimeout;
        serviceIp = serviceIp == null || serviceIp.isBlank() ? "10.96.0.10" : serviceIp;
        advertiseAddress = advertiseAddress == null || advertiseAddress.isBlank() ? bindAddress : advertiseAddress;
        replicaName = replicaName == null || replicaName.isBlank() ? hostName() : replicaName;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^a-z0-9.-]", "-");
        } catch (java.net.UnknownHostException e) {
            return "dns-service";
        }
    }
}
