package io.kubeplane.dns.config;

import java.time.Duration;
import java.util.List;
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
 */
@ConfigurationProperties("kubeplane.dns")
public record DnsProperties(String zone, long ttl, String bindAddress, int port, String topicPrefix, List<String> upstreams,
                            Duration upstreamTimeout) {

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
    }
}
