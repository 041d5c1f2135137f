package io.kubeplane.workload.config;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How workload-controller reaches the cluster, under {@code kubeplane.workloads}. With no
 * {@code api-server} it controls nothing and says so in its health.
 *
 * @param apiServer       the api-server's URL, e.g. {@code https://127.0.0.1:6443}
 * @param tokenFile       a file holding the bearer token it writes with (never logged)
 * @param caFile          the PEM CA that signed the api-server's certificate, for https
 * @param topicPrefix     the prefix of the event topics ({@code kubeplane})
 * @param workers         Deployments (and pods to schedule) handled at once
 * @param nodeGracePeriod how long a node may go unheard before it is marked NotReady (Kubernetes: 40 s)
 */
@ConfigurationProperties("kubeplane.workloads")
public record WorkloadControllerProperties(@Nullable String apiServer, @Nullable Path tokenFile, @Nullable Path caFile,
                                           String topicPrefix, int workers, Duration nodeGracePeriod) {

    public WorkloadControllerProperties {
        topicPrefix = topicPrefix == null || topicPrefix.isBlank() ? "kubeplane" : topicPrefix;
        workers = workers <= 0 ? 5 : workers;
        nodeGracePeriod = nodeGracePeriod == null ? Duration.ofSeconds(40) : nodeGracePeriod;
        if (nodeGracePeriod.isNegative() || nodeGracePeriod.isZero()) {
            throw new IllegalArgumentException("kubeplane.workloads.node-grace-period must be positive, was " + nodeGracePeriod);
        }
    }
}
