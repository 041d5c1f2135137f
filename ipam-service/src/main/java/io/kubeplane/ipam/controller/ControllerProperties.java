package io.kubeplane.ipam.controller;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How ipam-service's controllers reach the cluster, under {@code kubeplane.ipam.controllers}. With
 * no {@code api-server} they do not run: ipam-service then only answers the api-server's Service
 * allocation calls.
 *
 * @param apiServer        the api-server's URL, e.g. {@code https://127.0.0.1:6443}
 * @param tokenFile        a file holding the bearer token the controllers use (never logged)
 * @param caFile           the PEM CA that signed the api-server's certificate, for https
 * @param topicPrefix      the prefix of the event topics ({@code kubeplane})
 * @param workers          reconcile workers per controller
 * @param repairInterval   how often the repair loop runs
 * @param repairGracePeriod how old an allocation must be before the repair loop releases it for
 *                         want of an owner: an object's create may still be on its way
 */
@ConfigurationProperties("kubeplane.ipam.controllers")
public record ControllerProperties(@Nullable String apiServer, @Nullable Path tokenFile, @Nullable Path caFile,
                                   String topicPrefix, int workers, Duration repairInterval, Duration repairGracePeriod) {

    public ControllerProperties {
        topicPrefix = topicPrefix == null || topicPrefix.isBlank() ? "kubeplane" : topicPrefix;
        workers = workers <= 0 ? 4 : workers;
        repairInterval = repairInterval == null ? Duration.ofMinutes(1) : repairInterval;
        repairGracePeriod = repairGracePeriod == null ? Duration.ofMinutes(2) : repairGracePeriod;
    }

    public boolean enabled() {
        return apiServer != null && !apiServer.isBlank();
    }
}
