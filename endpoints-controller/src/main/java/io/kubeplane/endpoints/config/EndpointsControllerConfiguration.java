package io.kubeplane.endpoints.config;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeplane.client.ApiClientSettings;
import io.kubeplane.client.KubeplaneClients;
import io.kubeplane.controller.EventRecorder;
import io.kubeplane.endpoints.controller.EndpointsControllers;
import io.kubeplane.informer.InformerSettings;
import io.kubeplane.informer.KafkaInformer;
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
 * Starts the controllers when {@code kubeplane.endpoints.api-server} is set, reading events from the
 * Kafka at {@code spring.kafka.bootstrap-servers}. The {@code controllers} health indicator, part of
 * readiness, is down until the informers have synced.
 */
@Configuration
@EnableConfigurationProperties(EndpointsControllerProperties.class)
public class EndpointsControllerConfiguration {

    static final String ENABLED = "'${kubeplane.endpoints.api-server:}' != ''";

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression(ENABLED)
    public KubernetesClient clusterClient(EndpointsControllerProperties properties) {
        return KubeplaneClients.create(ApiClientSettings.fromFiles(properties.apiServer(), properties.tokenFile(),
                properties.caFile(), "endpoints-controller", "kubeplane.endpoints.token-file"));
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnExpression(ENABLED)
    public EndpointsControllers endpointsControllers(EndpointsControllerProperties properties, KubernetesClient clusterClient,
                                                     MeterRegistry registry,
                                                     @Value("${spring.kafka.bootstrap-servers:localhost:9092}") String kafka) {
        InformerSettings settings = InformerSettings.of(kafka).withTopicPrefix(properties.topicPrefix())
                .withClientId("endpoints-controller");
        EventRecorder events = new EventRecorder(clusterClient, "endpoint-controller",
                EventRecorder.localInstance("endpoints-controller"), Clock.systemUTC());
        return new EndpointsControllers(
                new KafkaInformer<>(ApiResources.SERVICES, Service.class, settings),
                new KafkaInformer<>(ApiResources.PODS, Pod.class, settings),
                new KafkaInformer<>(ApiResources.NODES, Node.class, settings),
                new KafkaInformer<>(ApiResources.ENDPOINTS, Endpoints.class, settings),
                new KafkaInformer<>(ApiResources.ENDPOINT_SLICES, EndpointSlice.class, settings),
                clusterClient, events, registry, properties.workers(), properties.maxEndpointsPerSlice());
    }

    @Bean
    public HealthIndicator controllersHealthIndicator(ObjectProvider<EndpointsControllers> controllers) {
        return () -> {
            EndpointsControllers running = controllers.getIfAvailable();
            if (running == null) {
                return Health.up().withDetail("controllers", "off: kubeplane.endpoints.api-server is not set").build();
            }
            return running.synced() ? Health.up().withDetail("informers", "synced").build()
                    : Health.outOfService().withDetail("informers", "syncing").build();
        };
    }
}
