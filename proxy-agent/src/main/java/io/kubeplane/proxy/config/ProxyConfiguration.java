package io.kubeplane.proxy.config;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubeplane.informer.InformerSettings;
import io.kubeplane.informer.KafkaInformer;
import io.kubeplane.model.ApiResources;
import io.kubeplane.proxy.dataplane.DataPlane;
import io.kubeplane.proxy.health.HealthCheckServers;
import io.kubeplane.proxy.health.ServiceHealth;
import io.kubeplane.proxy.kernel.DryRunDataPlane;
import io.kubeplane.proxy.kernel.IpvsDataPlane;
import io.kubeplane.proxy.kernel.IptablesDataPlane;
import io.kubeplane.proxy.kernel.NftablesDataPlane;
import io.kubeplane.proxy.node.NodeAgent;
import io.kubeplane.proxy.pods.PodServing;
import io.kubeplane.proxy.rules.IpFamily;
import io.kubeplane.proxy.rules.IptablesRules;
import io.kubeplane.proxy.rules.IpvsRules;
import io.kubeplane.proxy.rules.NftablesRules;
import io.kubeplane.proxy.sync.ProxySyncer;
import io.kubeplane.proxy.userspace.AgentsConnector;
import io.kubeplane.proxy.userspace.Balancing;
import io.kubeplane.proxy.userspace.DirectConnector;
import io.kubeplane.proxy.userspace.EndpointConnector;
import io.kubeplane.proxy.userspace.NettyTransport;
import io.kubeplane.proxy.userspace.UserspaceDataPlane;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the node's service proxy when {@code kubeplane.agent.node-name} is set: Services and
 * EndpointSlices from Kafka, the data plane {@code kubeplane.agent.proxy.mode} names. The
 * {@code proxy} health indicator is up once a sync has succeeded.
 */
@Configuration
@EnableConfigurationProperties(ProxyProperties.class)
public class ProxyConfiguration {

    static final String ENABLED = "'${kubeplane.agent.node-name:}' != ''";

    static final String USERSPACE = ENABLED + " && '${kubeplane.agent.proxy.mode:dry-run}' == 'userspace'";

    /** userspace: the Nodes, where the agents connector finds a pod's node address. */
    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnExpression(USERSPACE)
    public KafkaInformer<Node> proxyNodes(AgentProperties agent,
                                          @Value("${spring.kafka.bootstrap-servers:localhost:9092}") String kafka) {
        return new KafkaInformer<>(ApiResources.NODES, Node.class, InformerSettings.of(kafka)
                .withTopicPrefix(agent.topicPrefix()).withClientId("proxy-agent-" + agent.nodeName() + "-nodes"));
    }

    /** userspace: the event loops of the proxy and of the pod network, one per core. */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression(USERSPACE)
    public NettyTransport proxyTransport() {
        return NettyTransport.create("proxy", Runtime.getRuntime().availableProcessors());
    }

    /** userspace: this node's pods answer on its pod network, for every node's proxy to reach. */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression(USERSPACE)
    public PodServing podServing(AgentProperties agent, ProxyProperties proxy, ProxySyncer syncer, NettyTransport transport,
                                 ObjectProvider<NodeAgent> nodeAgent) {
        NodeAgent running = nodeAgent.getIfAvailable();
        if (running == null) {
            throw new IllegalArgumentException("kubeplane.agent.proxy.mode userspace serves the node's pods, which needs "
                                               + "the node duties: set kubeplane.agent.api-server");
        }
        return new PodServing(transport, agent.nodeName(), agent.nodeIp(), proxy.podNetworkPort(), proxy.clusterDnsIp(),
                running.pods(), syncer.services());
    }

    /** kube-proxy's health checks for externalTrafficPolicy: Local Services, on the node's address. */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression(ENABLED)
    public HealthCheckServers healthCheckServers(AgentProperties agent, ProxySyncer syncer) {
        HealthCheckServers servers = new HealthCheckServers(agent.nodeIp(), syncer::healthy);
        syncer.onSynced(state -> servers.update(ServiceHealth.of(state)));
        servers.update(ServiceHealth.of(syncer.current())); // in case the first sync came before the listener
        return servers;
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnExpression(ENABLED)
    public ProxySyncer proxySyncer(AgentProperties agent, ProxyProperties proxy, MeterRegistry registry,
                                   ObjectProvider<KafkaInformer<Node>> nodes, ObjectProvider<NettyTransport> transport,
                                   @Value("${spring.kafka.bootstrap-servers:localhost:9092}") String kafka) {
        if (agent.nodeIp() == null || agent.nodeIp().isBlank()) {
            throw new IllegalArgumentException("kubeplane.agent.node-ip must be set with node-name, e.g. 127.0.0.1");
        }
        InformerSettings settings = InformerSettings.of(kafka).withTopicPrefix(agent.topicPrefix())
                .withClientId("proxy-agent-" + agent.nodeName() + "-proxy");
        return new ProxySyncer(agent.nodeName(), List.of(agent.nodeIp()),
                new KafkaInformer<>(ApiResources.SERVICES, Service.class, settings),
                new KafkaInformer<>(ApiResources.ENDPOINT_SLICES, EndpointSlice.class, settings),
                dataPlane(proxy, registry, nodes.getIfAvailable(), transport.getIfAvailable()), registry, proxy.minSyncPeriod(), proxy.syncPeriod(),
                Clock.systemUTC());
    }

    /** The data plane of {@code mode}. */
    static DataPlane dataPlane(ProxyProperties proxy, MeterRegistry registry, @Nullable KafkaInformer<Node> nodes,
                               @Nullable NettyTransport transport) {
        Clock clock = Clock.systemUTC();
        String netns = proxy.netns() == null || proxy.netns().isBlank() ? null : proxy.netns();
        return switch (proxy.mode()) {
            case "iptables" -> new IptablesDataPlane(new IptablesRules(IpFamily.V4, proxy.ruleOptions()), netns, clock);
            case "nftables" -> new NftablesDataPlane(new NftablesRules(proxy.ruleOptions()), netns, clock);
            case "ipvs" -> new IpvsDataPlane(new IpvsRules(proxy.ipvsScheduler()).texts(), netns, clock);
            case "dry-run" -> new DryRunDataPlane(new NftablesRules(proxy.ruleOptions()), clock);
            case "userspace" -> {
                if (transport == null || nodes == null) {
                    throw new IllegalStateException("userspace mode without its transport and Nodes informer");
                }
                EndpointConnector connector = "direct".equals(proxy.connector()) ? new DirectConnector(transport)
                        : new AgentsConnector(transport, name -> Optional.ofNullable(nodeAddress(nodes, name)),
                                proxy.podNetworkPort());
                yield new UserspaceDataPlane(transport, connector, registry, UserspaceDataPlane.Settings.defaults()
                        .withBalancing(Balancing.parse(proxy.balancing())).withDrainPeriod(proxy.drainPeriod()));
            }
            default -> throw new IllegalArgumentException("kubeplane.agent.proxy.mode " + proxy.mode()
                                                          + " is not a mode");
        };
    }

    /** A node's InternalIP, from the Nodes informer. */
    private static @Nullable String nodeAddress(KafkaInformer<Node> nodes, String name) {
        Node node = nodes.store().get(null, name);
        if (node == null || node.getStatus() == null || node.getStatus().getAddresses() == null) {
            return null;
        }
        return node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
                .map(NodeAddress::getAddress).findFirst().orElse(null);
    }

    @Bean
    public HealthIndicator proxyHealthIndicator(ObjectProvider<ProxySyncer> syncer) {
        return () -> {
            ProxySyncer running = syncer.getIfAvailable();
            if (running == null) {
                return Health.up().withDetail("proxy", "off: kubeplane.agent.node-name is not set").build();
            }
            var status = running.status();
            Health.Builder health = running.synced() ? Health.up() : Health.outOfService();
            health.withDetail("mode", running.dataPlane().mode());
            if (status != null) {
                health.withDetail("lastSync", status.at().toString()).withDetail("servicePorts", status.servicePorts());
                if (status.error() != null) {
                    health.withDetail("lastError", status.error());
                }
            }
            return health.build();
        };
    }
}
