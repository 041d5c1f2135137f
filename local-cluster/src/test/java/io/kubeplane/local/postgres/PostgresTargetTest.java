package io.kubeplane.local.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PostgresTargetTest {

    static Stream<Arguments> urls() {
        return Stream.of(
                Arguments.of(named("default local URL", "jdbc:postgresql://localhost:5432/kubeplane"),
                        "localhost", 5432, "kubeplane", true, "jdbc:postgresql://localhost:5432/postgres"),
                Arguments.of(named("no port", "jdbc:postgresql://127.0.0.1/kp"),
                        "127.0.0.1", 5432, "kp", true, "jdbc:postgresql://127.0.0.1/postgres"),
                Arguments.of(named("no host at all", "jdbc:postgresql:kp"),
                        "localhost", 5432, "kp", true, "jdbc:postgresql:postgres"),
                Arguments.of(named("remote host with parameters", "jdbc:postgresql://db.example:5433/kp?ssl=true&x=1"),
                        "db.example", 5433, "kp", false, "jdbc:postgresql://db.example:5433/postgres?ssl=true&x=1"),
                Arguments.of(named("IPv6 loopback", "jdbc:postgresql://[::1]:5434/kp"),
                        "::1", 5434, "kp", true, "jdbc:postgresql://[::1]:5434/postgres"),
                Arguments.of(named("IPv6 without port", "jdbc:postgresql://[::1]/kp"),
                        "::1", 5432, "kp", true, "jdbc:postgresql://[::1]/postgres"),
                Arguments.of(named("several hosts: the first counts", "jdbc:postgresql://a:6000,b:6001/kp"),
                        "a", 6000, "kp", false, "jdbc:postgresql://a:6000,b:6001/postgres"));
    }

    @ParameterizedTest
    @MethodSource("urls")
    void readsHostPortAndDatabase(String url, String host, int port, String database, boolean local, String maintenance) {
        PostgresTarget target = new PostgresTarget(url, "postgres", "");

        assertThat(target.host()).isEqualTo(host);
        assertThat(target.port()).isEqualTo(port);
        assertThat(target.database()).isEqualTo(database);
        assertThat(target.isLocal()).isEqualTo(local);
        assertThat(target.withDatabase("postgres").url()).isEqualTo(maintenance);
    }

    @Test
    void leavesThePasswordOutOfToString() {
        assertThat(new PostgresTarget("jdbc:postgresql:kp", "kp", "hunter2").toString()).doesNotContain("hunter2");
    }
}
