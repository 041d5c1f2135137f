package io.kubeplane.proxy.config;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which node an agent is and how it reaches the cluster, under {@code kubeplane.agent}. With no
 * {@code api-server} it does no node duties and says so in its health.
 *
 * @param nodeName         the Node it registers, e.g. {@code node-1}
 * @param nodeIp           the node's InternalIP, e.g. {@code 127.0.0.1}
 * @param apiServer        the api-server's URL, e.g. {@code https://127.0.0.1:6443}
 * @param tokenFile        a file holding the bearer token it writes with (never logged)
 * @param caFile           the PEM CA that signed the api-server's certificate, for https
 * @param topicPrefix      the prefix of the event topics ({@code kubeplane})
 * @param renewInterval    how often it renews its Lease (kubelet: 10 s)
 * @param leaseDuration    its Lease's duration (kubelet: 40 s)
 * @param terminationDelay how long a deleted pod takes to stop, at most its grace period
 */
@ConfigurationProperties("kubeplane.agent")
public record AgentProperties(@Nullable String nodeName, @Nullable String nodeIp, @Nullable String apiServer,
                              @Nullable Path tokenFile, @Nullable Path caFile, String topicPrefix, Duration renewInterval,
                              Duration leaseDuration, Duration terminationDelay) {

    public AgentProperties {
        topicPrefix = topicPrefix == null || topicPrefix.isBlank() ? "kubeplane" : topicPrefix;
        renewInterval = renewInterval == null ? Duration.ofSeconds(10) : renewInterval;
        leaseDuration = leaseDuration == null ? Duration.ofSeconds(40) : leaseDuration;
        terminationDelay = terminationDelay == null ? Duration.ofSeconds(2) : terminationDelay;
        if (renewInterval.isZero() || renewInterval.isNegative()) {
            throw new IllegalArgumentException("kubeplane.agent.renew-interval must be positive, was " + renewInterval);
        }
    }
}
