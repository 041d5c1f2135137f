package io.kubeplane.ipam.controller;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeplane.client.ApiClientSettings;
import io.kubeplane.client.KubeplaneClients;
import io.kubeplane.controller.EventRecorder;
import io.kubeplane.informer.InformerSettings;
import io.kubeplane.informer.KafkaInformer;
import io.kubeplane.ipam.allocation.AllocationMetrics;
import io.kubeplane.ipam.allocation.Pools;
import io.kubeplane.ipam.store.AllocationStore;
import io.kubeplane.model.ApiResources;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the controllers when {@code kubeplane.ipam.controllers.api-server} is set, reading events
 * from the Kafka at {@code spring.kafka.bootstrap-servers}; without it ipam-service only answers
 * the api-server's allocation calls. The {@code controllers} health indicator (part of readiness)
 * is down until the informers have synced.
 */
@Configuration
@EnableConfigurationProperties(ControllerProperties.class)
public class ControllerConfiguration {

    static final String ENABLED = "'${kubeplane.ipam.controllers.api-server:}' != ''";

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression(ENABLED)
    public KubernetesClient clusterClient(ControllerProperties properties) {
        return KubeplaneClients.create(ApiClientSettings.fromFiles(properties.apiServer(), properties.tokenFile(),
                properties.caFile(), "ipam-service", "kubeplane.ipam.controllers.token-file"));
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnExpression(ENABLED)
    public IpamControllers ipamControllers(ControllerProperties properties, KubernetesClient clusterClient, Pools pools,
                                           AllocationStore store, AllocationMetrics metrics, MeterRegistry registry,
                                           @Value("${spring.kafka.bootstrap-servers:localhost:9092}") String kafka) {
        InformerSettings settings = InformerSettings.of(kafka).withTopicPrefix(properties.topicPrefix())
                .withClientId("ipam-service");
        EventRecorder events = new EventRecorder(clusterClient, "ipam-service", EventRecorder.localInstance("ipam-service"),
                Clock.systemUTC());
        return new IpamControllers(
                new KafkaInformer<>(ApiResources.SERVICES, Service.class, settings),
                new KafkaInformer<>(ApiResources.NODES, Node.class, settings),
                new KafkaInformer<>(ApiResources.PODS, Pod.class, settings),
                clusterClient, events, pools, store, metrics, registry, properties);
    }

    @Bean
    public HealthIndicator controllersHealthIndicator(ObjectProvider<IpamControllers> controllers) {
        return () -> {
            IpamControllers running = controllers.getIfAvailable();
            if (running == null) {
                return Health.up().withDetail("controllers", "off: kubeplane.ipam.controllers.api-server is not set").build();
            }
            return running.synced() ? Health.up().withDetail("informers", "synced").build()
                    : Health.outOfService().withDetail("informers", "syncing").build();
        };
    }
}
