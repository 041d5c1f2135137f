package io.kubeplane.ipam.config;

import io.kubeplane.ipam.allocation.AllocationMetrics;
import io.kubeplane.ipam.allocation.PoolAllocator;
import io.kubeplane.ipam.allocation.Pools;
import io.kubeplane.ipam.pool.PoolKind;
import io.kubeplane.ipam.store.AllocationStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pools from {@link IpamProperties}, recorded in the table and loaded at start, then refreshed. */
@Configuration
@EnableConfigurationProperties(IpamProperties.class)
public class IpamConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IpamConfiguration.class);

    @Bean
    public Pools pools(IpamProperties properties, AllocationStore store) {
        Pools pools = new Pools(properties.serviceCidrs(), properties.nodePortRange(), properties.loadBalancerPools(),
                properties.clusterCidr(), properties.nodeCidrMaskSize(), store);
        // Pod ranges of nodes that got their podCIDR before this start.
        store.poolRanges(PoolKind.POD_IPS.label()).forEach(pools::podRange);
        for (PoolAllocator allocator : pools.all()) {
            store.recordPool(allocator.pool());
            allocator.refresh();
            log.info("Pool {} ({}): {} values, {} allocated, lowest {} kept for requested values",
                    allocator.pool().name(), allocator.pool().kind().label(), allocator.pool().size(),
                    allocator.takenCount(), allocator.pool().staticBand());
        }
        return pools;
    }

    @Bean
    public AllocationMetrics allocationMetrics(MeterRegistry registry, Pools pools) {
        return new AllocationMetrics(registry, pools);
    }

    /** Reloads each pool's free map now and then, so values other replicas released become pickable here. */
    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService poolRefresher(Pools pools, IpamProperties properties) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("pool-refresh").factory());
        long every = properties.refreshInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            for (PoolAllocator allocator : pools.all()) {
                try {
                    allocator.refresh();
                } catch (RuntimeException e) {
                    log.warn("Could not reload pool {}: {}", allocator.pool().name(), e.getMessage());
                }
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return executor;
    }
}
