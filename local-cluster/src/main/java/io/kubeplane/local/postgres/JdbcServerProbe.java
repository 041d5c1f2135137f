package io.kubeplane.local.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import org.postgresql.Driver;

/**
 * {@link ServerProbe} over pgjdbc, with short timeouts so that a server that is not there costs a
 * few seconds at most. Stateless and thread-safe.
 */
public final class JdbcServerProbe implements ServerProbe {

    // SQLSTATEs: 3D000 invalid_catalog_name; 28000/28P01 authorization; 08004 rejected connection,
    // which is what pgjdbc reports for "no password supplied"; 42P04 duplicate_database.
    private static final String DATABASE_MISSING = "3D000";
    private static final Set<String> REJECTED = Set.of("28000", "28P01", "08004");
    private static final String DUPLICATE_DATABASE = "42P04";

    @Override
    public ProbeResult probe(PostgresTarget target) {
        try (Connection connection = connect(target)) {
            connection.isValid(5);
            return ProbeResult.answers();
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            ProbeResult.Outcome outcome = DATABASE_MISSING.equals(state) ? ProbeResult.Outcome.DATABASE_MISSING
                    : REJECTED.contains(state) ? ProbeResult.Outcome.CREDENTIALS_REJECTED
                    : ProbeResult.Outcome.UNREACHABLE;
            return ProbeResult.of(outcome, String.valueOf(e.getMessage()));
        }
    }

    @Override
    public void createDatabase(PostgresTarget target) throws SQLException {
        try (Connection connection = connect(target.withDatabase("postgres"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + quoteIdentifier(target.database()));
        } catch (SQLException e) {
            if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static Connection connect(PostgresTarget target) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", target.user());
        properties.setProperty("password", target.password());
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("loginTimeout", "5");
        properties.setProperty("socketTimeout", "10");
        properties.setProperty("ApplicationName", "kubeplane-local");
        // The driver directly, not DriverManager: no dependence on which class loader registered it.
        Connection connection = new Driver().connect(target.url(), properties);
        if (connection == null) {
            throw new SQLException("pgjdbc does not accept the URL " + target.url(), "08001");
        }
        return connection;
    }
}
