package io.kubeplane.apiserver.gc;

import io.kubeplane.apiserver.rest.DeleteOperation;
import io.kubeplane.apiserver.rest.ReadOperation;
import io.kubeplane.apiserver.storage.ObjectStore;
import io.kubeplane.apiserver.watch.WatchCache;
import io.kubeplane.model.ApiResources;
import java.time.Duration;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Wires the garbage collector, its event stream and the namespace controller. */
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

    /** Bound by Spring Cloud Stream as {@code ownerDeletions-in-0} to every kind's topic. */
    @Bean
    Consumer<Message<?>> ownerDeletions(GarbageCollector collector) {
        return new OwnerDeletionStream(collector);
    }
}
