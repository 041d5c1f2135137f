package io.kubeplane.apiserver.gc;

import io.kubeplane.apiserver.rest.DeleteOperation;
import io.kubeplane.apiserver.rest.ReadOperation;
import io.kubeplane.apiserver.storage.ObjectStore;
import io.kubeplane.apiserver.watch.WatchCache;
import io.kubeplane.model.ApiResources;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the garbage collector, the namespace controller and the loop that drives them. */
@Configuration(proxyBeanMethods = false)
public class CollectionConfiguration {

    @Bean
    GarbageCollector garbageCollector(ObjectStore store, DeleteOperation deleter) {
        return new GarbageCollector(store, deleter);
    }

    @Bean
    NamespaceController namespaceController(ObjectStore store, ReadOperation reader, DeleteOperation deleter,
                                            ApiResources resources) {
        return new NamespaceController(store, reader, deleter, resources);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    CollectionLoop collectionLoop(WatchCache cache, NamespaceController namespaces, GarbageCollector collector) {
        return new CollectionLoop(cache, namespaces, collector, Duration.ofSeconds(10));
    }
}
