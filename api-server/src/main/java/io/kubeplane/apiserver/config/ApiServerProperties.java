package io.kubeplane.apiserver.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the api-server, under {@code kubeplane.api-server}. The plain loopback port is Spring
 * Boot's {@code server.port} / {@code server.address}.
 *
 * @param tokenFile      static bearer tokens, kube-apiserver's {@code --token-auth-file} format
 * @param secureServing  the TLS port
 * @param watch          the watch cache and tailer
 * @param relay          the Kafka outbox relay
 * @param readinessUrls  health URLs of other components that {@code /readyz} includes (the local cluster lists its components here)
 * @param ipam           where Services' cluster IPs and NodePorts come from
 * @param advertiseAddress the address this replica lists in the {@code default/kubernetes} Endpoints; empty picks
 *                       the first non-loopback IPv4 address (Endpoints may not hold loopback addresses)
 * @param views          where the visualizer reads the other components' own views
 */
@ConfigurationProperties("kubeplane.api-server")
@Validated
public record ApiServerProperties(
        @NotNull Path tokenFile,
        @DefaultValue SecureServing secureServing,
        @DefaultValue Watch watch,
        @DefaultValue Relay relay,
        @DefaultValue List<String> readinessUrls,
        @DefaultValue Ipam ipam,
        @Nullable String advertiseAddress,
        @DefaultValue Views views) {

    /**
     * @param dns           dns-service's HTTP base URL, e.g. {@code http://127.0.0.1:8083}
     * @param endpoints     endpoints-controller's HTTP base URL
     * @param nodes         each node's proxy-agent HTTP base URL, by node name
     * @param clusterDomain the cluster domain the visualizer names Services in
     */
    public record Views(@Nullable String dns, @Nullable String endpoints, @DefaultValue Map<String, String> nodes,
                        @DefaultValue("cluster.local") String clusterDomain) {
    }

    /**
     * @param url ipam-service's base URL, e.g. {@code http://127.0.0.1:8081}; empty stores Services without addresses
     */
    public record Ipam(@Nullable String url) {
    }

    /**
     * @param enabled     serve HTTPS
     * @param bindAddress address to listen on
     * @param port        port, 6443 as kube-apiserver
     * @param certDir     where the CA and serving certificate are kept (generated when missing)
     * @param extraSans   further host names and IPs the certificate is valid for
     */
    public record SecureServing(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("127.0.0.1") String bindAddress,
            @DefaultValue("6443") @Min(0) @Max(65535) int port,
            @DefaultValue(".kubeplane/pki") Path certDir,
            @DefaultValue List<String> extraSans) {
    }

    /**
     * @param windowSize       events kept in memory for watches; older resource versions get 410 Gone
     * @param pollInterval     how often the event log is polled for writes made through other replicas
     * @param bookmarkInterval how often idle watches that asked for bookmarks get one
     * @param timeout          how long a watch runs when the client gives no timeoutSeconds
     * @param queueCapacity    events one watcher may fall behind before it is cut off
     */
    public record Watch(
            @DefaultValue("100000") @Min(100) int windowSize,
            @DefaultValue("10ms") Duration pollInterval,
            @DefaultValue("30s") Duration bookmarkInterval,
            @DefaultValue("30m") Duration timeout,
            @DefaultValue("100000") @Min(100) int queueCapacity) {
    }

    /**
     * @param enabled          publish the event log to Kafka
     * @param bootstrapServers the Kafka brokers
     * @param topicPrefix      topics are {@code <prefix>.<resource>[.<group>]}
     * @param partitions       partitions of each topic the relay creates
     * @param checkInterval    how often the relay checks that the broker still holds every topic
     */
    public record Relay(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("localhost:9092") String bootstrapServers,
            @DefaultValue("kubeplane") String topicPrefix,
            @DefaultValue("3") @Min(1) int partitions,
            @DefaultValue("30s") Duration checkInterval,
            @Nullable String clientId) {
    }
}
