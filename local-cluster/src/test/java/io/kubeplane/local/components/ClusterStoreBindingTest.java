package io.kubeplane.local.components;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.local.postgres.PostgresTarget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterStoreBindingTest {

    private static final PostgresTarget STORE = new PostgresTarget("jdbc:postgresql://localhost:5432/kubeplane", "kp", "pw");
    private static final String DATA_SOURCE = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

    @Test
    void aComponentThatDeclaresADatabaseIsPointedAtTheStore() {
        assertThat(ClusterStoreBinding.properties(true, List.of(), STORE)).isEqualTo(Map.of(
                "spring.datasource.url", "jdbc:postgresql://localhost:5432/kubeplane",
                "spring.datasource.username", "kp",
                "spring.datasource.password", "pw"));
    }

    @Test
    void aComponentWithoutADatabaseGetsNoDataSource() {
        assertThat(ClusterStoreBinding.properties(false, List.of(), STORE))
                .isEqualTo(Map.of(ClusterStoreBinding.EXCLUDE, DATA_SOURCE));
    }

    @Test
    void theComponentsOwnExclusionsAreKept() {
        assertThat(ClusterStoreBinding.properties(false, List.of("com.example.Other", DATA_SOURCE), STORE))
                .isEqualTo(Map.of(ClusterStoreBinding.EXCLUDE, "com.example.Other," + DATA_SOURCE));
    }
}
