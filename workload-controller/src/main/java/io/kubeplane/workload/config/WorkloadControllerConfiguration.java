package io.kubeplane.workload.config;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeplane.client.ApiClientSettings;
import io.kubeplane.client.KubeplaneClients;
import io.kubeplane.controller.EventRecorder;
import io.kubeplane.informer.InformerSettings;
import io.kubeplane.informer.KafkaInformer;
import io.kubeplane.model.ApiResources;
import io.kubeplane.workload.controller.WorkloadControllers;
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
 * Starts the controllers when {@code kubeplane.workloads.api-server} is set, reading events from the
 * Kafka at {@code spring.kafka.bootstrap-servers}. The {@code controllers} health indicator, part of
 * readiness, is down until the informers have synced.
 */
@Configuration
@EnableConfigurationProperties(WorkloadControllerProperties.class)
public class WorkloadControllerConfiguration {

    static final String ENABLED = "'${kubeplane.workloads.api-server:}' != ''";

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression(ENABLED)
    public KubernetesClient clusterClient(WorkloadControllerProperties properties) {
        return KubeplaneClients.create(ApiClientSettings.fromFiles(properties.apiServer(), properties.tokenFile(),
                properties.caFile(), "workload-controller", "kubeplane.workloads.token-file"));
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnExpression(ENABLED)
    public WorkloadControllers workloadControllers(WorkloadControllerProperties properties, KubernetesClient clusterClient,
                                                   MeterRegistry registry,
                                                   @Value("${spring.kafka.bootstrap-servers:localhost:9092}") String kafka) {
        InformerSettings settings = InformerSettings.of(kafka).withTopicPrefix(properties.topicPrefix())
                .withClientId("workload-controller");
        String instance = EventRecorder.localInstance("workload-controller");
        Clock clock = Clock.systemUTC();
        return new WorkloadControllers(
                new KafkaInformer<>(ApiResources.DEPLOYMENTS, Deployment.class, settings),
                new KafkaInformer<>(ApiResources.REPLICA_SETS, ReplicaSet.class, settings),
                new KafkaInformer<>(ApiResources.PODS, Pod.class, settings),
                new KafkaInformer<>(ApiResources.NODES, Node.class, settings),
                new KafkaInformer<>(ApiResources.LEASES, Lease.class, settings),
                clusterClient,
                new EventRecorder(clusterClient, "deployment-controller", instance, clock),
                new EventRecorder(clusterClient, "replicaset-controller", instance, clock),
                new EventRecorder(clusterClient, "default-scheduler", instance, clock),
                new EventRecorder(clusterClient, "node-controller", instance, clock),
                registry, properties.workers(), properties.nodeGracePeriod());
    }

    @Bean
    public HealthIndicator controllersHealthIndicator(ObjectProvider<WorkloadControllers> controllers) {
        return () -> {
            WorkloadControllers running = controllers.getIfAvailable();
            if (running == null) {
                return Health.up().withDetail("controllers", "off: kubeplane.workloads.api-server is not set").build();
            }
            return running.synced() ? Health.up().withDetail("informers", "synced").build()
                    : Health.outOfService().withDetail("informers", "syncing").build();
        };
    }
}
