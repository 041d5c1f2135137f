package io.kubeplane.proxy.config;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeplane.client.ApiClientSettings;
import io.kubeplane.client.KubeplaneClients;
import io.kubeplane.informer.InformerSettings;
import io.kubeplane.informer.KafkaInformer;
import io.kubeplane.model.ApiResources;
import io.kubeplane.proxy.node.NodeAgent;
import io.kubeplane.proxy.node.NodeIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the node duties when {@code kubeplane.agent.api-server} is set. The {@code node} health
 * indicator, part of readiness, is down until the pod informer has synced.
 */
@Configuration
@EnableConfigurationProperties(AgentProperties.class)
public class AgentConfiguration {

    static final String ENABLED = "'${kubeplane.agent.api-server:}' != ''";

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression(ENABLED)
    public KubernetesClient clusterClient(AgentProperties properties) {
        return KubeplaneClients.create(ApiClientSettings.fromFiles(properties.apiServer(), properties.tokenFile(),
                properties.caFile(), "proxy-agent", "kubeplane.agent.token-file"));
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnExpression(ENABLED)
    public NodeAgent nodeAgent(AgentProperties properties, KubernetesClient clusterClient, MeterRegistry registry,
                               @Value("${spring.kafka.bootstrap-servers:localhost:9092}") String kafka) {
        if (properties.nodeName() == null || properties.nodeName().isBlank()
            || properties.nodeIp() == null || properties.nodeIp().isBlank()) {
            throw new IllegalArgumentException("kubeplane.agent.node-name and kubeplane.agent.node-ip must be set, e.g. "
                                               + "--kubeplane.agent.node-name=node-1 --kubeplane.agent.node-ip=127.0.0.1");
        }
        InformerSettings settings = InformerSettings.of(kafka).withTopicPrefix(properties.topicPrefix())
                .withClientId("proxy-agent-" + properties.nodeName());
        return new NodeAgent(new NodeIdentity(properties.nodeName(), properties.nodeIp()),
                new KafkaInformer<>(ApiResources.PODS, Pod.class, settings), clusterClient, registry,
                properties.renewInterval(), properties.leaseDuration(), properties.terminationDelay());
    }

    @Bean
    public HealthIndicator nodeHealthIndicator(ObjectProvider<NodeAgent> agent) {
        return () -> {
            NodeAgent running = agent.getIfAvailable();
            if (running == null) {
                return Health.up().withDetail("node", "off: kubeplane.agent.api-server is not set").build();
            }
            Health.Builder health = running.synced() ? Health.up() : Health.outOfService();
            return health.withDetail("node", running.identity().name())
                    .withDetail("lastLeaseRenewal", String.valueOf(running.heartbeat().lastRenewal())).build();
        };
    }
}
