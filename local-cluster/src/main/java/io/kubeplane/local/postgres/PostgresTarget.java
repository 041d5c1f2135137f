package io.kubeplane.local.postgres;

import java.util.Locale;
import java.util.Objects;

/**
 * A PostgreSQL database to connect to: JDBC URL and credentials, with the host, port and database
 * read out of the URL. Immutable; {@link #toString()} leaves the password out.
 *
 * <p>URL shapes read here (pgjdbc's):
 * <pre>
 *   jdbc:postgresql:kubeplane                       localhost:5432, database kubeplane
 *   jdbc:postgresql://db.example:5433/kubeplane?ssl=true
 *   jdbc:postgresql://[::1]/kubeplane               IPv6 literal, port 5432
 *   jdbc:postgresql://h1:5432,h2:5432/kubeplane     several hosts: the first is "the" host
 * </pre>
 *
 * @param url      JDBC URL
 * @param user     user name
 * @param password password, empty for none
 */
public record PostgresTarget(String url, String user, String password) {

    private static final String PREFIX = "jdbc:postgresql:";
    private static final int DEFAULT_PORT = 5432;

    public PostgresTarget {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
        }
    }

    /** The first host of the URL, without IPv6 brackets. */
    public String host() {
        String authority = authority();
        if (authority.isEmpty()) {
            return "localhost";
        }
        String first = authority.split(",")[0];
        if (first.startsWith("[")) {
            return first.substring(1, first.indexOf(']'));
        }
        int colon = first.lastIndexOf(':');
        return colon < 0 ? first : first.substring(0, colon);
    }

    /** The first host's port, 5432 if the URL names none. */
    public int port() {
        String first = authority().split(",")[0];
        int colon = first.lastIndexOf(':');
        if (colon < 0 || first.startsWith("[") && colon < first.indexOf(']')) {
            return DEFAULT_PORT;
        }
        return Integer.parseInt(first.substring(colon + 1));
    }

    /** The database name. */
    public String database() {
        String rest = afterPrefix();
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            rest = slash < 0 ? "" : rest.substring(slash + 1);
        }
        int query = rest.indexOf('?');
        return query < 0 ? rest : rest.substring(0, query);
    }

    /** Whether the server is on this machine (a loopback name or address). */
    public boolean isLocal() {
        String host = host().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
    }

    /** The same server with another database. */
    public PostgresTarget withDatabase(String database) {
        String rest = afterPrefix();
        int query = rest.indexOf('?');
        String params = query < 0 ? "" : rest.substring(query);
        String server = rest.startsWith("//") ? "//" + authority() + "/" : "";
        return new PostgresTarget(PREFIX + server + database + params, user, password);
    }

    /** The same database as another user. */
    public PostgresTarget withCredentials(String user, String password) {
        return new PostgresTarget(url, user, password);
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return (host().contains(":") ? "[" + host() + "]" : host()) + ":" + port();
    }

    private String afterPrefix() {
        return url.substring(PREFIX.length());
    }

    private String authority() {
        String rest = afterPrefix();
        if (!rest.startsWith("//")) {
            return "";
        }
        int slash = rest.indexOf('/', 2);
        int query = rest.indexOf('?', 2);
        int end = slash >= 0 ? slash : query >= 0 ? query : rest.length();
        return rest.substring(2, end);
    }

    @Override
    public String toString() {
        return url + " (user " + user + ")";
    }
}
