package io.kubeplane.informer.impl;

import static io.kubeplane.informer.impl.TestObjects.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.kubeplane.informer.Indexers;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectCacheTest {

    private final ObjectCache<Service> cache = new ObjectCache<>();

    @Test
    void objectsAreFoundByNamespaceAndName() {
        add(service("default/web", 1), service("prod/web", 2));

        assertThat(cache.get("default", "web").getMetadata().getResourceVersion()).isEqualTo("1");
        assertThat(cache.getByKey("prod/web").getMetadata().getResourceVersion()).isEqualTo("2");
        assertThat(cache.get("other", "web")).isNull();
        assertThat(cache.listKeys()).containsExactlyInAnyOrder("default/web", "prod/web");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void namespaceAndLabelIndexesAreBuiltIn() {
        add(service("default/web", 1, "app=web", "tier=front"), service("default/db", 2, "app=db"), service("prod/web", 3, "app=web"));

        assertThat(keys(cache.byIndex(Indexers.NAMESPACE, "default"))).containsExactlyInAnyOrder("default/web", "default/db");
        assertThat(keys(cache.byIndex(Indexers.LABELS, "app=web"))).containsExactlyInAnyOrder("default/web", "prod/web");
        assertThat(cache.indexKeys(Indexers.LABELS, "tier=front")).containsExactly("default/web");
        assertThat(cache.byIndex(Indexers.LABELS, "app=none")).isEmpty();
    }

    @Test
    void anUpdateMovesTheObjectBetweenIndexValues() {
        add(service("default/web", 1, "app=web"));

        cache.apply(List.of(new Change.Updated<>("default/web", service("default/web", 1, "app=web"),
                service("default/web", 2, "app=site"))), () -> { });

        assertThat(cache.byIndex(Indexers.LABELS, "app=web")).isEmpty();
        assertThat(keys(cache.byIndex(Indexers.LABELS, "app=site"))).containsExactly("default/web");
    }

    @Test
    void aDeleteLeavesNoIndexEntry() {
        Service web = service("default/web", 1, "app=web");
        add(web);

        cache.apply(List.of(new Change.Deleted<>("default/web", web)), () -> { });

        assertThat(cache.list()).isEmpty();
        assertThat(cache.byIndex(Indexers.LABELS, "app=web")).isEmpty();
        assertThat(cache.byIndex(Indexers.NAMESPACE, "default")).isEmpty();
    }

    @Test
    void anIndexAddedLaterCoversCachedObjects() {
        add(service("default/web", 1, "app=web"), service("default/db", 2));

        cache.addIndex("clusterIP", s -> List.of(s.getSpec().getClusterIP()));

        assertThat(keys(cache.byIndex("clusterIP", "10.96.0.2"))).containsExactly("default/web");
        assertThat(cache.indexNames()).containsExactlyInAnyOrder(Indexers.NAMESPACE, Indexers.LABELS, "clusterIP");
    }

    @Test
    void aFailingIndexFunctionLeavesTheObjectOutOfThatIndexOnly() {
        cache.addIndex("broken", s -> {
            throw new IllegalStateException("boom");
        });

        add(service("default/web", 1, "app=web"));

        assertThat(cache.get("default", "web")).isNotNull();
        assertThat(cache.byIndex(Indexers.LABELS, "app=web")).hasSize(1);
    }

    @Test
    void unknownAndDuplicateIndexesAreRefused() {
        assertThatThrownBy(() -> cache.byIndex("nope", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.addIndex(Indexers.LABELS, Indexers::labels)).isInstanceOf(IllegalArgumentException.class);
    }

    private void add(Service... services) {
        for (Service s : services) {
            cache.apply(List.of(new Change.Added<>(s.getMetadata().getNamespace() + "/" + s.getMetadata().getName(), s)), () -> { });
        }
    }

    private static List<String> keys(List<Service> services) {
        return services.stream().map(s -> s.getMetadata().getNamespace() + "/" + s.getMetadata().getName()).toList();
    }
}
