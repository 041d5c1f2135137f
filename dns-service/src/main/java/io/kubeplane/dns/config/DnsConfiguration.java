package io.kubeplane.dns.config;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubeplane.dns.server.DnsServer;
import io.kubeplane.dns.server.Forwarder;
import io.kubeplane.dns.server.Resolver;
import io.kubeplane.dns.zone.ClusterZone;
import io.kubeplane.dns.zone.ZoneFeeder;
import io.kubeplane.informer.InformerSettings;
import io.kubeplane.informer.KafkaInformer;
import io.kubeplane.model.ApiResources;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeplane.client.ApiClientSettings;
import io.kubeplane.client.KubeplaneClients;
import io.kubeplane.dns.registration.KubeDnsRegistrar;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The zone, the informers that fill it (Services, EndpointSlices from Kafka at
 * {@code spring.kafka.bootstrap-servers}), and the DNS server answering from it. Until the
 * informers have synced the server answers SERVFAIL and the {@code zone} health indicator, part of
 * readiness, is down.
 */
@Configuration
@EnableConfigurationProperties(DnsProperties.class)
public class DnsConfiguration {

    /** The informers, started together. */
    public record Informers(KafkaInformer<Service> services, KafkaInformer<EndpointSlice> slices) implements AutoCloseable {

        public boolean synced() {
            return services.hasSynced() && slices.hasSynced();
        }

        @Override
        public void close() {
            services.close();
            slices.close();
        }
    }

    @Bean
    public ClusterZone clusterZone(DnsProperties properties, MeterRegistry registry) throws TextParseException {
        ClusterZone zone = new ClusterZone(Name.fromString(properties.zone(), Name.root), properties.ttl());
        Gauge.builder("dns.zone.services", zone, ClusterZone::services).description("Services in the zone").register(registry);
        Gauge.builder("dns.zone.records", zone, ClusterZone::records).description("Records in the zone").register(registry);
        return zone;
    }

    @Bean(destroyMethod = "close")
    public Informers zoneInformers(DnsProperties properties, ClusterZone zone,
                                   @Value("${spring.kafka.bootstrap-servers:localhost:9092}") String kafka) {
        InformerSettings settings = InformerSettings.of(kafka).withTopicPrefix(properties.topicPrefix()).withClientId("dns-service");
        Informers informers = new Informers(new KafkaInformer<>(ApiResources.SERVICES, Service.class, settings),
                new KafkaInformer<>(ApiResources.ENDPOINT_SLICES, EndpointSlice.class, settings));
        new ZoneFeeder(zone, informers.services(), informers.slices());
        informers.services().start();
        informers.slices().start();
        return informers;
    }

    @Bean(destroyMethod = "close")
    public DnsServer dnsServer(DnsProperties properties, ClusterZone zone, Informers informers, MeterRegistry registry)
            throws IOException {
        Forwarder forwarder = properties.upstreams().isEmpty() ? null
                : new Forwarder(properties.upstreams(), properties.upstreamTimeout());
        return new DnsServer(new Resolver(zone, informers::synced, forwarder), InetAddress.getByName(properties.bindAddress()),
                properties.port(), registry);
    }

    static final String REGISTERS = "'${kubeplane.dns.api-server:}' != ''";

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression(REGISTERS)
    public KubernetesClient clusterClient(DnsProperties properties) {
        return KubeplaneClients.create(ApiClientSettings.fromFiles(properties.apiServer(), properties.tokenFile(),
                properties.caFile(), "dns-service", "kubeplane.dns.token-file"));
    }

    /** The cluster DNS as a Service of the cluster, when this replica may write to the api-server. */
    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnExpression(REGISTERS)
    public KubeDnsRegistrar kubeDnsRegistrar(DnsProperties properties, DnsServer server, KubernetesClient clusterClient) {
        return new KubeDnsRegistrar(clusterClient, properties.replicaName(), properties.advertiseAddress(),
                properties.serviceIp(), server.port(), Duration.ofSeconds(10), Clock.systemUTC());
    }

    @Bean
    public HealthIndicator zoneHealthIndicator(Informers informers) {
        return () -> informers.synced() ? Health.up().withDetail("informers", "synced").build()
                : Health.outOfService().withDetail("informers", "syncing: queries get SERVFAIL").build();
    }
}
