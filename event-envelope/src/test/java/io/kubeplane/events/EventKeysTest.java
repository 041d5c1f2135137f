package io.kubeplane.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class EventKeysTest {

    @Test
    void namespacedObjectsAreKeyedNamespaceSlashName() {
        assertThat(EventKeys.key("default", "web")).isEqualTo("default/web");
        assertThat(EventKeys.key(new PodBuilder().withNewMetadata().withNamespace("kube-system").withName("dns-0")
                .endMetadata().build())).isEqualTo("kube-system/dns-0");
    }

    @Test
    void clusterScopedObjectsAreKeyedByName() {
        assertThat(EventKeys.key("", "node-1")).isEqualTo("node-1");
        assertThat(EventKeys.key(null, "node-1")).isEqualTo("node-1");
        assertThat(EventKeys.key(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().build()))
                .isEqualTo("node-1");
    }

    @Test
    void keysSplitBackIntoNamespaceAndName() {
        assertThat(EventKeys.namespace("default/web")).isEqualTo("default");
        assertThat(EventKeys.name("default/web")).isEqualTo("web");
        assertThat(EventKeys.namespace("node-1")).isEmpty();
        assertThat(EventKeys.name("node-1")).isEqualTo("node-1");
    }

    @Test
    void nameIsRequired() {
        assertThatThrownBy(() -> EventKeys.key("default", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
