package io.kubeplane.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a user can configure about the local cluster, from command-line flags and environment
 * variables (a flag wins over its variable). Immutable and thread-safe; built once by
 * {@link LocalCluster#main} with {@link #parse}, or by tests with {@link #defaults} and the
 * {@code with…} methods.
 *
 * @param home            where the cluster keeps its state: token file, certificates, kubeconfig,
 *                        Kafka log, embedded PostgreSQL ({@code KUBEPLANE_HOME}, default
 *                        {@code ./.kubeplane}); always absolute
 * @param database        the PostgreSQL server and database of the cluster store
 * @param kafkaBootstrap  an external Kafka to use instead of the embedded broker, or {@code null}
 * @param kafkaPort       the embedded broker's client port
 * @param ports           the components' HTTP ports
 * @param startupTimeout  how long starting one component, and then the whole cluster becoming
 *                        ready, may take before the start is given up
 * @param disabled        components not to start (never the api-server), e.g. one a developer runs
 *                        from an IDE against the cluster
 */
public record LocalClusterSettings(
        Path home,
        Database database,
        @Nullable String kafkaBootstrap,
        int kafkaPort,
        Ports ports,
        Duration startupTimeout,
        Set<String> disabled) {

    public static final String DEFAULT_DB_URL = "jdbc:postgresql://localhost:5432/kubeplane";
    public static final String DEFAULT_DB_USER = "postgres";

    /** The command-line help. */
    public static final String USAGE = """
            Usage: kubeplane-local [options]

            Starts the kubeplane local cluster: every component in one JVM, an embedded Kafka broker,
            and PostgreSQL (the server at localhost:5432, else a stopped local server, else an
            embedded one). Ctrl-C stops it; its state stays in the home directory for the next start.

            Options (environment variable in brackets; a flag wins):
              --home=DIR                   state directory [KUBEPLANE_HOME] (./.kubeplane)
              --db-url=JDBC_URL            cluster store [KUBEPLANE_DB_URL] (%s)
              --db-user=NAME               database user [KUBEPLANE_DB_USER] (%s)
                                           password: [KUBEPLANE_DB_PASSWORD] (empty)
              --kafka-bootstrap=HOST:PORT  use this Kafka instead of the embedded broker [KUBEPLANE_KAFKA_BOOTSTRAP]
              --kafka-port=PORT            embedded broker port (9092)
              --api-server-port=PORT       api-server plain HTTP on 127.0.0.1 (8080)
              --secure-port=PORT           api-server HTTPS, the kubectl endpoint (6443)
              --ipam-service-port=PORT     (8081)
              --endpoints-controller-port=PORT (8082)
              --dns-service-port=PORT      HTTP port of dns-service (8083)
              --proxy-agent-port=PORT      the agent of node-1, on 127.0.0.1 (8084)
              --workload-controller-port=PORT (8085)
              --second-proxy-agent-port=PORT the agent of node-2, on 127.0.0.2 (8086)
              --dns-port=PORT              cluster DNS, UDP and TCP on 127.0.0.1 (10053)
              --startup-timeout=DURATION   e.g. 90s or 2m (120s)
              --disable=NAME[,NAME]        components not to start, e.g. to run one from an IDE [KUBEPLANE_DISABLE]
              -h, --help                   this help
            """.formatted(DEFAULT_DB_URL, DEFAULT_DB_USER);

    public LocalClusterSettings {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        home = home.toAbsolutePath().normalize();
        requirePort(kafkaPort, "--kafka-port");
        disabled = disabled == null ? Set.of() : Set.copyOf(disabled);
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new SettingsException("--startup-timeout must be positive, was " + startupTimeout);
        }
        String taken = ports.byPort().get(kafkaPort);
        if (kafkaBootstrap == null && taken != null) {
            throw new SettingsException("--kafka-port " + kafkaPort + " is also given to " + taken);
        }
    }

    /**
     * The cluster store.
     *
     * @param url      JDBC URL of the cluster's database ({@code jdbc:postgresql://…/kubeplane})
     * @param user     user name
     * @param password password, empty for none
     * @param urlGiven whether the user named the URL; a named server is never replaced by another
     * @param userGiven whether the user named the user or password; they are then never replaced
     *                 by a role the local cluster creates for itself
     */
    public record Database(String url, String user, String password, boolean urlGiven, boolean userGiven) {

        public Database {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new SettingsException("the database URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), was " + url);
            }
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + ", urlGiven=" + urlGiven + ", userGiven=" + userGiven + "]";
        }
    }

    /**
     * The components' HTTP ports, all on 127.0.0.1.
     *
     * @param apiServer          api-server plain HTTP (the API without TLS, Swagger UI, /readyz)
     * @param secure             api-server HTTPS, what kubectl talks to
     */
    public record Ports(int apiServer, int secure, int ipamService, int endpointsController, int dnsService,
                        int proxyAgent, int workloadController, int secondProxyAgent, int dns) {

        private static final List<String> FLAGS = List.of("--api-server-port", "--secure-port", "--ipam-service-port",
                "--endpoints-controller-port", "--dns-service-port", "--proxy-agent-port", "--workload-controller-port",
                "--second-proxy-agent-port", "--dns-port");

        public static final Ports DEFAULT = new Ports(8080, 6443, 8081, 8082, 8083, 8084, 8085, 8086, 10053);

        public Ports {
            Map<Integer, String> seen = new HashMap<>();
            int[] values = {apiServer, secure, ipamService, endpointsController, dnsService, proxyAgent, workloadController,
                secondProxyAgent, dns};
            for (int i = 0; i < values.length; i++) {
                requirePort(values[i], FLAGS.get(i));
                String earlier = seen.putIfAbsent(values[i], FLAGS.get(i));
                if (earlier != null) {
                    throw new SettingsException(FLAGS.get(i) + " " + values[i] + " is also " + earlier);
                }
            }
        }

        /** Each port with the flag that sets it. */
        Map<Integer, String> byPort() {
            Map<Integer, String> names = new LinkedHashMap<>();
            int[] values = {apiServer, secure, ipamService, endpointsController, dnsService, proxyAgent, workloadController,
                secondProxyAgent, dns};
            for (int i = 0; i < values.length; i++) {
                names.put(values[i], FLAGS.get(i));
            }
            return names;
        }
    }

    /** A user's mistake in the flags or variables; the message says which and is shown with the usage. */
    public static final class SettingsException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        public SettingsException(String message) {
            super(message);
        }
    }

    /** The defaults, with the state in {@code home}. */
    public static LocalClusterSettings defaults(Path home) {
        return new LocalClusterSettings(home, new Database(DEFAULT_DB_URL, DEFAULT_DB_USER, "", false, false), null, 9092,
                Ports.DEFAULT, Duration.ofSeconds(120), Set.of());
    }

    /**
     * Reads flags and environment variables.
     *
     * <p>Flags are {@code --name=value} or {@code --name value}. {@code --help} is not handled here:
     * the caller checks {@link #wantsHelp} first.
     *
     * @param workingDirectory what a relative {@code --home} is resolved against
     * @throws SettingsException on an unknown flag, a missing or malformed value
     */
    public static LocalClusterSettings parse(List<String> args, Map<String, String> env, Path workingDirectory) {
        Map<String, String> flags = flags(args);
        String home = value(flags, "home", env, "KUBEPLANE_HOME");
        String url = value(flags, "db-url", env, "KUBEPLANE_DB_URL");
        String user = value(flags, "db-user", env, "KUBEPLANE_DB_USER");
        String kafka = value(flags, "kafka-bootstrap", env, "KUBEPLANE_KAFKA_BOOTSTRAP");
        int kafkaPort = port(flags, "kafka-port", 9092);
        Ports ports = new Ports(
                port(flags, "api-server-port", Ports.DEFAULT.apiServer()),
                port(flags, "secure-port", Ports.DEFAULT.secure()),
                port(flags, "ipam-service-port", Ports.DEFAULT.ipamService()),
                port(flags, "endpoints-controller-port", Ports.DEFAULT.endpointsController()),
                port(flags, "dns-service-port", Ports.DEFAULT.dnsService()),
                port(flags, "proxy-agent-port", Ports.DEFAULT.proxyAgent()),
                port(flags, "workload-controller-port", Ports.DEFAULT.workloadController()),
                port(flags, "second-proxy-agent-port", Ports.DEFAULT.secondProxyAgent()),
                port(flags, "dns-port", Ports.DEFAULT.dns()));
        String timeout = flags.remove("startup-timeout");
        String disable = value(flags, "disable", env, "KUBEPLANE_DISABLE");
        if (!flags.isEmpty()) {
            throw new SettingsException("unknown option --" + flags.keySet().iterator().next());
        }
        String password = env.getOrDefault("KUBEPLANE_DB_PASSWORD", "");
        Database database = new Database(url == null ? DEFAULT_DB_URL : url, user == null ? DEFAULT_DB_USER : user,
                password, url != null, user != null || !password.isEmpty());
        return new LocalClusterSettings(workingDirectory.resolve(home == null ? ".kubeplane" : home), database, kafka,
                kafkaPort, ports, timeout == null ? Duration.ofSeconds(120) : duration(timeout), disabled(disable));
    }

    /** Whether the arguments ask for the usage text. */
    public static boolean wantsHelp(List<String> args) {
        return args.contains("-h") || args.contains("--help");
    }

    public LocalClusterSettings withHome(Path home) {
        return new LocalClusterSettings(home, database, kafkaBootstrap, kafkaPort, ports, startupTimeout, disabled);
    }

    public LocalClusterSettings withDatabase(Database database) {
        return new LocalClusterSettings(home, database, kafkaBootstrap, kafkaPort, ports, startupTimeout, disabled);
    }

    public LocalClusterSettings withKafkaBootstrap(@Nullable String kafkaBootstrap) {
        return new LocalClusterSettings(home, database, kafkaBootstrap, kafkaPort, ports, startupTimeout, disabled);
    }

    public LocalClusterSettings withKafkaPort(int kafkaPort) {
        return new LocalClusterSettings(home, database, kafkaBootstrap, kafkaPort, ports, startupTimeout, disabled);
    }

    public LocalClusterSettings withPorts(Ports ports) {
        return new LocalClusterSettings(home, database, kafkaBootstrap, kafkaPort, ports, startupTimeout, disabled);
    }

    public LocalClusterSettings withDisabled(Set<String> disabled) {
        return new LocalClusterSettings(home, database, kafkaBootstrap, kafkaPort, ports, startupTimeout, disabled);
    }

    public LocalClusterSettings withStartupTimeout(Duration startupTimeout) {
        return new LocalClusterSettings(home, database, kafkaBootstrap, kafkaPort, ports, startupTimeout, disabled);
    }

    /** Whether the embedded broker runs, i.e. no external Kafka was named. */
    public boolean embeddedKafka() {
        return kafkaBootstrap == null;
    }

    /** The state directory's well-known files. */
    public Path tokenFile() {
        return home.resolve("tokens.csv");
    }

    /** Who has which role; see {@code io.kubeplane.local.access.AuthorizationFile}. */
    public Path authorizationFile() {
        return home.resolve("authorization.yaml");
    }

    public Path certificateDirectory() {
        return home.resolve("pki");
    }

    public Path kubeconfig() {
        return home.resolve("kubeconfig");
    }

    public Path kafkaLogDirectory() {
        return home.resolve("kafka");
    }

    public Path postgresDirectory() {
        return home.resolve("postgres");
    }

    private static final Set<String> KNOWN = Set.of("home", "db-url", "db-user", "kafka-bootstrap", "kafka-port",
            "api-server-port", "secure-port", "ipam-service-port", "endpoints-controller-port", "dns-service-port",
            "proxy-agent-port", "workload-controller-port", "second-proxy-agent-port", "dns-port", "startup-timeout",
            "disable");

    /** The components {@code --disable} may name. */
    public static final List<String> OPTIONAL_COMPONENTS = List.of("ipam-service", "endpoints-controller", "dns-service",
            "proxy-agent", "workload-controller");

    private static Set<String> disabled(@Nullable String names) {
        if (names == null || names.isBlank()) {
            return Set.of();
        }
        Set<String> disabled = new java.util.TreeSet<>();
        for (String name : names.split(",")) {
            String component = name.strip();
            if (!OPTIONAL_COMPONENTS.contains(component)) {
                throw new SettingsException("--disable names " + component + ", which is not one of "
                                            + String.join(", ", OPTIONAL_COMPONENTS));
            }
            disabled.add(component);
        }
        return Set.copyOf(disabled);
    }

    // --name=value and --name value, into a mutable map the parser empties as it reads.
    private static Map<String, String> flags(List<String> args) {
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String arg = rest.removeFirst();
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new SettingsException("unexpected argument '" + arg + "'");
            }
            int equals = arg.indexOf('=');
            String name;
            String value;
            if (equals > 0) {
                name = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else {
                name = arg.substring(2);
                if (!KNOWN.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new SettingsException("unknown option --" + name);
                }
                if (rest.isEmpty() || rest.getFirst().startsWith("--")) {
                    throw new SettingsException("option --" + name + " needs a value");
                }
                value = rest.removeFirst();
            }
            if (flags.put(name.toLowerCase(Locale.ROOT), value) != null) {
                throw new SettingsException("option --" + name + " is given twice");
            }
        }
        return flags;
    }

    // A flag, else its variable, else null; blank counts as not given.
    private static @Nullable String value(Map<String, String> flags, String flag, Map<String, String> env, String variable) {
        String given = flags.remove(flag);
        if (given != null) {
            if (given.isBlank()) {
                throw new SettingsException("option --" + flag + " needs a value");
            }
            return given.strip();
        }
        String fromEnv = env.get(variable);
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
    }

    private static int port(Map<String, String> flags, String flag, int fallback) {
        String text = flags.remove(flag);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new SettingsException("--" + flag + " must be a port number, was '" + text + "'");
        }
    }

    private static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(t));
            }
            if (t.matches("\\d+(ms|s|m)")) {
                long amount = Long.parseLong(t.replaceAll("\\D", ""));
                return t.endsWith("ms") ? Duration.ofMillis(amount) : t.endsWith("m") ? Duration.ofMinutes(amount)
                        : Duration.ofSeconds(amount);
            }
            return Duration.parse(text.strip());
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new SettingsException("--startup-timeout must be a duration such as 90s or 2m, was '" + text + "'");
        }
    }

    private static void requirePort(int port, String flag) {
        if (port < 1 || port > 65535) {
            throw new SettingsException(flag + " must be 1-65535, was " + port);
        }
    }
}
