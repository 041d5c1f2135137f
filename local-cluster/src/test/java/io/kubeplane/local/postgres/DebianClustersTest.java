package io.kubeplane.local.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DebianClustersTest {

    @Test
    void readsPgLsclustersLines() {
        String output = """
                15  main    5432 online postgres /var/lib/postgresql/15/main /var/log/postgresql/postgresql-15-main.log
                16  test    5433 down   pg16     /var/lib/postgresql/16/test /var/log/postgresql/postgresql-16-test.log
                14  replica 5434 online,recovery postgres /var/lib/postgresql/14/replica log
                Warning: something odd
                """;

        assertThat(DebianClusters.parse(output)).containsExactly(
                new InstalledCluster("15", "main", 5432, true, "postgres"),
                new InstalledCluster("16", "test", 5433, false, "pg16"),
                new InstalledCluster("14", "replica", 5434, true, "postgres"));
    }

    @Test
    void readsNothingFromNoOutput() {
        assertThat(DebianClusters.parse("")).isEmpty();
    }
}
