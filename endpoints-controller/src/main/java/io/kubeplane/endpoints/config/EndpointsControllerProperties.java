package io.kubeplane.endpoints.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How endpoints-controller reaches the cluster, under {@code kubeplane.endpoints}. With no
 * {@code api-server} it reconciles nothing and says so in its health.
 *
 * @param apiServer            the api-server's URL, e.g. {@code https://127.0.0.1:6443}
 * @param tokenFile            a file holding the bearer token it writes with (never logged)
 * @param caFile               the PEM CA that signed the api-server's certificate, for https
 * @param topicPrefix          the prefix of the event topics ({@code kubeplane})
 * @param workers              Services reconciled at once, per controller
 * @param maxEndpointsPerSlice the most endpoints one EndpointSlice holds (Kubernetes: 100)
 */
@ConfigurationProperties("kubeplane.endpoints")
public record EndpointsControllerProperties(@Nullable String apiServer, @Nullable Path tokenFile, @Nullable Path caFile,
                                            String topicPrefix, int workers, int maxEndpointsPerSlice) {

    public EndpointsControllerProperties {
        topicPrefix = topicPrefix == null || topicPrefix.isBlank() ? "kubeplane" : topicPrefix;
        workers = workers <= 0 ? 5 : workers;
        maxEndpointsPerSlice = maxEndpointsPerSlice <= 0 ? 100 : maxEndpointsPerSlice;
        if (maxEndpointsPerSlice > 1000) {
            throw new IllegalArgumentException("kubeplane.endpoints.max-endpoints-per-slice may be at most 1000, was "
                                               + maxEndpointsPerSlice);
        }
    }
}
