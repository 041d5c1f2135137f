package io.kubeplane.apiserver;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.kubeplane.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A migrated cluster store in a database of the test's own, for tests of the storage and watch
 * layers without the rest of the api-server. Close it to drop the database.
 */
public final class StoreFixture implements AutoCloseable {

    private final TestDatabase database;
    private final HikariDataSource dataSource;

    public StoreFixture() {
        database = TestDatabase.create();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.username());
        config.setPassword(database.password());
        config.setMaximumPoolSize(16);
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    public TestDatabase database() {
        return database;
    }

    @Override
    public void close() {
        dataSource.close();
        database.close();
    }
}
