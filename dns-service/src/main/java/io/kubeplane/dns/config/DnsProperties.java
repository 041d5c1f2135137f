package io.kubeplane.dns.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * dns-service's settings, under {@code kubeplane.dns}.
 *
 * @param zone        the cluster domain ({@code cluster.local})
 * @param ttl         the TTL of every answer, in seconds (5)
 * @param bindAddress where DNS listens ({@code 127.0.0.1})
 * @param port        the UDP and TCP port (10053; 0 picks a free one)
 * @param topicPrefix the prefix of the event topics ({@code kubeplane})
 */
@ConfigurationProperties("kubeplane.dns")
public record DnsProperties(String zone, long ttl, String bindAddress, int port, String topicPrefix) {

    public DnsProperties {
        zone = zone == null || zone.isBlank() ? "cluster.local" : zone;
        ttl = ttl <= 0 ? 5 : ttl;
        bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("kubeplane.dns.port must be 0..65535, was " + port);
        }
        topicPrefix = topicPrefix == null || topicPrefix.isBlank() ? "kubeplane" : topicPrefix;
    }
}
