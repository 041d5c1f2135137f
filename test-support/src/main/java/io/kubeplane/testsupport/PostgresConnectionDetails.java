package io.kubeplane.testsupport;

/**
 * Where a test's PostgreSQL database is: the one connection-details shape every integration test
 * uses, whether the server is the local one or a container.
 *
 * @param jdbcUrl  JDBC URL of the test's own database
 * @param username user name
 * @param password password (empty for trust authentication)
 */
public record PostgresConnectionDetails(String jdbcUrl, String username, String password) {
}
