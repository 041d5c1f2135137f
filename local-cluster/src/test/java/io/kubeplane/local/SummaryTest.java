package io.kubeplane.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.local.components.ClusterComponents;
import io.kubeplane.local.postgres.PostgresTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void listsEveryEndpointTheStoreTheBrokerAndHowToUseKubectl() throws IOException {
        LocalClusterSettings settings = LocalClusterSettings.defaults(Path.of("/home/dev/.kubeplane"));
        LocalCluster.Started started = new LocalCluster.Started(Duration.ofMillis(12_345),
                new PostgresTarget("jdbc:postgresql://localhost:5432/kubeplane", "postgres", ""), "local server",
                "127.0.0.1:9092", "embedded, log in /home/dev/.kubeplane/kafka", "token",
                ClusterComponents.of(settings.ports(), "127.0.0.1:9092", settings.tokenFile(),
                        settings.authorizationFile(), settings.certificateDirectory(),
                        new ClusterComponents.ControllerAccess(settings.certificateDirectory().resolve("ca.crt"),
                                settings.home().resolve("components")), java.util.Map.of(), settings.disabled()));

        assertThat(Summary.render(settings, started)).isEqualTo(Golden.read("summary.txt"));
    }
}
