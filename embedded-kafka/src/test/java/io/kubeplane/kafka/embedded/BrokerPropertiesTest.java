package io.kubeplane.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

// Loopback only: 127.0.0.1, client port 9092, controller port 9093.
class BrokerPropertiesTest {

    private static final Path DIR = Path.of("/tmp/kafka-data");

    @Test
    void singleNodeRunsBrokerAndControllerWithOneVoter() {
        Properties p = BrokerProperties.render(DIR, "127.0.0.1", 9092, 9093, Map.of());

        assertThat(p).containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
                .containsEntry("log.dirs", "/tmp/kafka-data");
    }

    @Test
    void internalTopicsHaveOneReplica() {
        Properties p = BrokerProperties.render(DIR, "127.0.0.1", 9092, 9093, Map.of());

        assertThat(p).containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("min.insync.replicas", "1");
    }

    @Test
    void overridesWin() {
        Properties p = BrokerProperties.render(DIR, "127.0.0.1", 9092, 9093, Map.of("auto.create.topics.enable", "true"));

        assertThat(p).containsEntry("auto.create.topics.enable", "true");
    }

    @Test
    void settingsDefaultToAFreeLoopbackPortAndCopyOnChange() {
        EmbeddedKafkaSettings settings = EmbeddedKafkaSettings.of(DIR);

        EmbeddedKafkaSettings changed = settings.withPort(19092).withBrokerProperty("num.io.threads", "2");

        assertThat(settings.port()).isZero();
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.brokerProperties()).isEmpty();
        assertThat(changed.port()).isEqualTo(19092);
        assertThat(changed.brokerProperties()).containsEntry("num.io.threads", "2");
        assertThatThrownBy(() -> settings.withPort(70000)).isInstanceOf(IllegalArgumentException.class);
    }
}
