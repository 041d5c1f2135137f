package io.kubeplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LocalClusterSettingsTest {

    private static final Path CWD = Path.of("/work/here");

    record Input(List<String> args, Map<String, String> env) {
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of(named("nothing given: every default", new Input(List.of(), Map.of())),
                        (Consumer<LocalClusterSettings>) s -> {
                            assertThat(s.home()).isEqualTo(Path.of("/work/here/.kubeplane"));
                            assertThat(s.database()).isEqualTo(new LocalClusterSettings.Database(
                                    "jdbc:postgresql://localhost:5432/kubeplane", "postgres", "", false, false));
                            assertThat(s.kafkaBootstrap()).isNull();
                            assertThat(s.embeddedKafka()).isTrue();
                            assertThat(s.kafkaPort()).isEqualTo(9092);
                            assertThat(s.ports()).isEqualTo(LocalClusterSettings.Ports.DEFAULT);
                            assertThat(s.startupTimeout()).isEqualTo(Duration.ofSeconds(120));
                            assertThat(s.kubeconfig()).isEqualTo(Path.of("/work/here/.kubeplane/kubeconfig"));
                        }),
                Arguments.of(named("environment variables", new Input(List.of(), Map.of(
                                "KUBEPLANE_HOME", "/var/kp", "KUBEPLANE_DB_URL", "jdbc:postgresql://db:5433/kp",
                                "KUBEPLANE_DB_USER", "kp", "KUBEPLANE_DB_PASSWORD", " secret ",
                                "KUBEPLANE_KAFKA_BOOTSTRAP", "kafka:9092"))),
                        (Consumer<LocalClusterSettings>) s -> {
                            assertThat(s.home()).isEqualTo(Path.of("/var/kp"));
                            assertThat(s.database()).isEqualTo(new LocalClusterSettings.Database(
                                    "jdbc:postgresql://db:5433/kp", "kp", " secret ", true, true));
                            assertThat(s.kafkaBootstrap()).isEqualTo("kafka:9092");
                            assertThat(s.embeddedKafka()).isFalse();
                        }),
                Arguments.of(named("a flag wins over its variable", new Input(
                                List.of("--db-url=jdbc:postgresql://flag/kp", "--home", "rel/dir"),
                                Map.of("KUBEPLANE_DB_URL", "jdbc:postgresql://env/kp", "KUBEPLANE_HOME", "/env"))),
                        (Consumer<LocalClusterSettings>) s -> {
                            assertThat(s.database().url()).isEqualTo("jdbc:postgresql://flag/kp");
                            assertThat(s.database().urlGiven()).isTrue();
                            assertThat(s.database().userGiven()).isFalse();
                            assertThat(s.home()).isEqualTo(Path.of("/work/here/rel/dir"));
                        }),
                Arguments.of(named("a password alone counts as given credentials", new Input(List.of(),
                                Map.of("KUBEPLANE_DB_PASSWORD", "pw"))),
                        (Consumer<LocalClusterSettings>) s -> {
                            assertThat(s.database().user()).isEqualTo("postgres");
                            assertThat(s.database().userGiven()).isTrue();
                        }),
                Arguments.of(named("blank variables count as unset", new Input(List.of(),
                                Map.of("KUBEPLANE_HOME", " ", "KUBEPLANE_DB_URL", "", "KUBEPLANE_KAFKA_BOOTSTRAP", ""))),
                        (Consumer<LocalClusterSettings>) s -> {
                            assertThat(s.home()).isEqualTo(Path.of("/work/here/.kubeplane"));
                            assertThat(s.database().urlGiven()).isFalse();
                            assertThat(s.embeddedKafka()).isTrue();
                        }),
                Arguments.of(named("every port moved", new Input(List.of("--api-server-port=18080", "--secure-port=16443",
                                "--ipam-service-port=18081", "--endpoints-controller-port=18082", "--dns-service-port=18083",
                                "--proxy-agent-port=18084", "--workload-controller-port=18085", "--second-proxy-agent-port", "18086",
                                "--dns-port=11053", "--kafka-port=19092"), Map.of())),
                        (Consumer<LocalClusterSettings>) s -> {
                            assertThat(s.ports()).isEqualTo(new LocalClusterSettings.Ports(
                                    18080, 16443, 18081, 18082, 18083, 18084, 18085, 18086, 11053));
                            assertThat(s.kafkaPort()).isEqualTo(19092);
                        }),
                Arguments.of(named("startup timeout in seconds, minutes or ISO-8601", new Input(
                                List.of("--startup-timeout", "2m"), Map.of())),
                        (Consumer<LocalClusterSettings>) s -> assertThat(s.startupTimeout()).isEqualTo(Duration.ofMinutes(2))),
                Arguments.of(named("kafka port may clash with a component when Kafka is external", new Input(
                                List.of("--kafka-bootstrap=broker:9092", "--kafka-port=8080"), Map.of())),
                        (Consumer<LocalClusterSettings>) s -> assertThat(s.kafkaBootstrap()).isEqualTo("broker:9092")));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void readsFlagsAndVariables(Input input, Consumer<LocalClusterSettings> check) {
        check.accept(LocalClusterSettings.parse(input.args(), input.env(), CWD));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(named("unknown option", List.of("--colour=blue")), "unknown option --colour"),
                Arguments.of(named("unknown option without a value", List.of("--verbose")), "unknown option --verbose"),
                Arguments.of(named("positional argument", List.of("start")), "unexpected argument 'start'"),
                Arguments.of(named("option without its value", List.of("--home")), "option --home needs a value"),
                Arguments.of(named("option given twice", List.of("--home=a", "--home=b")), "option --home is given twice"),
                Arguments.of(named("port is not a number", List.of("--ipam-service-port=eighty")),
                        "--ipam-service-port must be a port number"),
                Arguments.of(named("port out of range", List.of("--secure-port=70000")), "--secure-port must be 1-65535"),
                Arguments.of(named("two components on one port", List.of("--dns-service-port=8081")),
                        "--dns-service-port 8081 is also --ipam-service-port"),
                Arguments.of(named("embedded Kafka on a component's port", List.of("--kafka-port=8080")),
                        "--kafka-port 8080 is also given to --api-server-port"),
                Arguments.of(named("not a PostgreSQL URL", List.of("--db-url=jdbc:mysql://db/kp")),
                        "must be a PostgreSQL JDBC URL"),
                Arguments.of(named("nonsense timeout", List.of("--startup-timeout=soon")),
                        "--startup-timeout must be a duration"),
                Arguments.of(named("zero timeout", List.of("--startup-timeout=0")), "--startup-timeout must be positive"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsMistakesWithTheirReason(List<String> args, String message) {
        assertThatThrownBy(() -> LocalClusterSettings.parse(args, Map.of(), CWD))
                .isInstanceOf(LocalClusterSettings.SettingsException.class)
                .hasMessageContaining(message);
    }

    @Test
    void helpIsRecognisedInAnyPosition() {
        assertThat(LocalClusterSettings.wantsHelp(List.of("--home=x", "--help"))).isTrue();
        assertThat(LocalClusterSettings.wantsHelp(List.of("-h"))).isTrue();
        assertThat(LocalClusterSettings.wantsHelp(List.of("--home=x"))).isFalse();
    }

    @Test
    void databasePasswordIsNotShownInToString() {
        LocalClusterSettings.Database database = new LocalClusterSettings.Database(
                "jdbc:postgresql://db/kp", "kp", "hunter2", true, true);
        assertThat(database.toString()).doesNotContain("hunter2");
    }

    @Test
    void disableNamesComponentsNotToStartAndRefusesTheApiServerAndUnknownNames() {
        assertThat(LocalClusterSettings.parse(List.of("--disable=endpoints-controller, dns-service"), Map.of(), Path.of("/w"))
                .disabled()).containsExactlyInAnyOrder("endpoints-controller", "dns-service");
        assertThat(LocalClusterSettings.parse(List.of(), Map.of("KUBEPLANE_DISABLE", "proxy-agent"), Path.of("/w"))
                .disabled()).containsExactly("proxy-agent");
        assertThat(LocalClusterSettings.parse(List.of(), Map.of(), Path.of("/w")).disabled()).isEmpty();
        assertThatThrownBy(() -> LocalClusterSettings.parse(List.of("--disable=api-server"),
                        Map.of(), Path.of("/w")))
                .isInstanceOf(LocalClusterSettings.SettingsException.class).hasMessageContaining("api-server, which is not one of");
    }
}
