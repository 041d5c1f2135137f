package io.kubeplane.apiserver.config;

import io.kubeplane.apiserver.http.AuthenticationFilter;
import io.kubeplane.apiserver.http.ReadinessCheck;
import io.kubeplane.apiserver.http.SecurePortCustomizer;
import io.kubeplane.apiserver.http.ServingCertificates;
import io.kubeplane.apiserver.http.TokenFile;
import io.kubeplane.apiserver.http.WatchStreamer;
import io.kubeplane.apiserver.registry.KindStrategies;
import io.kubeplane.apiserver.registry.ObjectRules;
import io.kubeplane.apiserver.bootstrap.KubernetesService;
import io.kubeplane.apiserver.ipam.IpamClient;
import io.kubeplane.apiserver.ipam.IpamViews;
import io.kubeplane.apiserver.ipam.ServiceAddresses;
import io.kubeplane.apiserver.rest.AddressAllocator;
import io.kubeplane.apiserver.rest.BindingOperation;
import io.kubeplane.apiserver.rest.CreateOperation;
import io.kubeplane.apiserver.rest.DeleteOperation;
import io.kubeplane.apiserver.rest.ReadOperation;
import io.kubeplane.apiserver.rest.ScaleOperation;
import io.kubeplane.apiserver.rest.UpdateOperation;
import io.kubeplane.apiserver.storage.EventLog;
import io.kubeplane.apiserver.storage.ObjectStore;
import io.kubeplane.apiserver.storage.PostgresEventLog;
import io.kubeplane.apiserver.storage.PostgresObjectStore;
import io.kubeplane.apiserver.watch.ConsistentReads;
import io.kubeplane.apiserver.watch.EventLogTailer;
import io.kubeplane.apiserver.watch.WatchCache;
import io.kubeplane.model.ApiResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires the api-server: store, tailer and watch cache, operations, authentication and the TLS port. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiServerProperties.class)
public class ApiServerConfiguration {

    @Bean
    ApiResources apiResources() {
        return ApiResources.SERVED;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ObjectRules objectRules(Clock clock) {
        return new ObjectRules(KindStrategies.served(), clock, UUID::randomUUID, new SecureRandom());
    }

    @Bean
    WatchCache watchCache(ApiServerProperties properties) {
        return new WatchCache(properties.watch().windowSize(), properties.watch().queueCapacity());
    }

    @Bean
    EventLog eventLog(JdbcTemplate jdbc) {
        return new PostgresEventLog(jdbc);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    EventLogTailer eventLogTailer(EventLog eventLog, WatchCache cache, ApiServerProperties properties) {
        return new EventLogTailer(eventLog, cache, properties.watch().pollInterval(), properties.watch().windowSize());
    }

    @Bean
    ObjectStore objectStore(JdbcTemplate jdbc, ApiResources resources, EventLogTailer tailer) {
        return new PostgresObjectStore(jdbc, resources, tailer::wake);
    }

    /** ipam-service's client; unconfigured when {@code kubeplane.api-server.ipam.url} is empty. */
    @Bean
    IpamClient ipamClient(ApiServerProperties properties) {
        IpamClient client = new IpamClient(properties.ipam().url());
        if (client.configured()) {
            LoggerFactory.getLogger(IpamClient.class).info("Service addresses come from ipam-service at {}", client.baseUrl());
        } else {
            LoggerFactory.getLogger(IpamClient.class).warn("No ipam-service configured (kubeplane.api-server.ipam.url): "
                    + "Services are stored without cluster IPs or NodePorts, and the ServiceCIDR and IPAddress views answer 503");
        }
        return client;
    }

    @Bean
    IpamViews ipamViews(IpamClient ipam) {
        return new IpamViews(ipam);
    }

    /** {@code default/kubernetes}, kept only where Services get addresses (it needs a ClusterIP). */
    @Bean(destroyMethod = "close")
    KubernetesService kubernetesService(ObjectStore store, CreateOperation creator, UpdateOperation updater, IpamViews views,
                                        IpamClient ipam, JdbcTemplate jdbc, ApiServerProperties properties) {
        // A replica without the secure port serves no client of the kubernetes Service: it lists no endpoint.
        KubernetesService service = new KubernetesService(store, creator, updater, views, jdbc, properties.advertiseAddress(),
                properties.secureServing().enabled() ? properties.secureServing().port() : 0);
        if (ipam.configured()) {
            service.start();
        }
        return service;
    }

    @Bean
    AddressAllocator addressAllocator(IpamClient ipam) {
        return ipam.configured() ? new ServiceAddresses(ipam) : AddressAllocator.NONE;
    }

    @Bean
    CreateOperation createOperation(ObjectStore store, ObjectRules rules, AddressAllocator addresses) {
        return new CreateOperation(store, rules, addresses);
    }

    @Bean
    DeleteOperation deleteOperation(ObjectStore store, ObjectRules rules, Clock clock, AddressAllocator addresses) {
        return new DeleteOperation(store, rules, clock, addresses);
    }

    @Bean
    UpdateOperation updateOperation(ObjectStore store, ObjectRules rules, CreateOperation creator, DeleteOperation deleter,
                                    AddressAllocator addresses) {
        return new UpdateOperation(store, rules, creator, deleter, addresses);
    }

    @Bean
    ReadOperation readOperation(ObjectStore store, EventLog eventLog, WatchCache cache, EventLogTailer tailer) {
        return new ReadOperation(store, new ConsistentReads(eventLog, cache, tailer));
    }

    @Bean
    BindingOperation bindingOperation(UpdateOperation updater, ObjectRules rules) {
        return new BindingOperation(updater, rules);
    }

    @Bean
    ScaleOperation scaleOperation(ReadOperation reader, UpdateOperation updater) {
        return new ScaleOperation(reader, updater);
    }

    @Bean
    WatchStreamer watchStreamer(WatchCache cache, ReadOperation reader, ApiServerProperties properties) {
        return new WatchStreamer(cache, reader, properties.watch().bookmarkInterval(), properties.watch().timeout());
    }

    @Bean
    TokenFile tokenFile(ApiServerProperties properties) {
        try {
            return TokenFile.read(properties.tokenFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + properties.tokenFile()
                                           + " (kubeplane.api-server.token-file)", e);
        }
    }

    @Bean
    FilterRegistrationBean<AuthenticationFilter> authenticationFilter(TokenFile tokens) {
        FilterRegistrationBean<AuthenticationFilter> registration =
                new FilterRegistrationBean<>(new AuthenticationFilter(() -> tokens));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    @ConditionalOnProperty(name = "kubeplane.api-server.secure-serving.enabled", matchIfMissing = true)
    SecurePortCustomizer securePortCustomizer(ApiServerProperties properties) throws IOException {
        ApiServerProperties.SecureServing secure = properties.secureServing();
        ServingCertificates.Files files = ServingCertificates.ensure(secure.certDir(), secure.extraSans());
        return new SecurePortCustomizer(secure.bindAddress(), secure.port(), files);
    }

    @Bean
    ReadinessCheck watchCacheReadiness(WatchCache cache) {
        return ReadinessCheck.of("watch-cache", cache::isReady);
    }

    @Bean
    ReadinessCheck storeReadiness(JdbcTemplate jdbc) {
        return ReadinessCheck.of("store", () -> Integer.valueOf(1).equals(jdbc.queryForObject("SELECT 1", Integer.class)));
    }
}
