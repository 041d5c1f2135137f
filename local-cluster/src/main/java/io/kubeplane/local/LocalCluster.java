package io.kubeplane.local;

import io.kubeplane.apiserver.http.ServingCertificates;
import io.kubeplane.kafka.embedded.EmbeddedKafkaBroker;
import io.kubeplane.kafka.embedded.EmbeddedKafkaSettings;
import io.kubeplane.local.access.AdminCredentials;
import io.kubeplane.local.access.AuthorizationFile;
import io.kubeplane.local.access.ComponentCredentials;
import io.kubeplane.local.access.KubeconfigWriter;
import io.kubeplane.local.components.ClusterComponents;
import io.kubeplane.local.components.Component;
import io.kubeplane.local.components.ComponentLauncher;
import io.kubeplane.local.postgres.PostgresLocator;
import io.kubeplane.local.postgres.PostgresTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubeplane local cluster: every component in this JVM, each on its own port, with the cluster
 * store in a PostgreSQL it finds, starts or embeds, and the event stream in an embedded Kafka
 * broker (or a given one). State lives under {@link LocalClusterSettings#home()}, so a restart
 * keeps the token, the certificates, the topics and the database.
 *
 * <pre>
 *   start():  PostgreSQL ─▶ Kafka ─▶ token, certificates, kubeconfig ─▶ api-server ─▶ ipam-service
 *             ─▶ endpoints-controller ─▶ dns-service ─▶ proxy-agent ─▶ workload-controller ─▶ /readyz 200
 *   close():  the same in reverse (an installed PostgreSQL that was started keeps running)
 * </pre>
 *
 * <p>{@link #main} is the command-line entry point; tests use {@link #start()} and {@link #close()}.
 * Thread-safe: {@link #close()} may run from a shutdown hook while {@link #start()} is running.
 */
public final class LocalCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalCluster.class);

    private final LocalClusterSettings settings;
    private final Consumer<String> onUnexpectedStop;
    private final Map<String, List<String>> extraArguments;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>(); // guarded by itself; last started first
    private final CountDownLatch closed = new CountDownLatch(1);

    /**
     * What the started cluster uses.
     *
     * @param startupTime         from {@link #start()} to {@code /readyz} answering 200
     * @param database            the cluster store
     * @param databaseDescription where it came from (local server, embedded, …)
     * @param kafkaBootstrap      the broker
     * @param kafkaDescription    embedded (with its log directory) or external
     * @param token               the admin bearer token
     * @param components          the components, in start order
     */
    public record Started(Duration startupTime, PostgresTarget database, String databaseDescription, String kafkaBootstrap,
                          String kafkaDescription, String token, List<Component> components) {

        @Override
        public String toString() {
            return "Started[" + startupTime + ", " + database + ", " + kafkaBootstrap + ", " + components.size() + " components]";
        }
    }

    /**
     * @param onUnexpectedStop called with a component's name when it stops while the cluster runs
     *                         (not by {@link #close()}); {@link #main} exits, which stops the rest
     */
    public LocalCluster(LocalClusterSettings settings, Consumer<String> onUnexpectedStop) {
        this(settings, onUnexpectedStop, Map.of());
    }

    /**
     * @param extraArguments more arguments for some components, by name, after their own; tests use
     *                       it to shrink ranges and intervals
     */
    public LocalCluster(LocalClusterSettings settings, Consumer<String> onUnexpectedStop,
                        Map<String, List<String>> extraArguments) {
        this.settings = settings;
        this.onUnexpectedStop = onUnexpectedStop;
        this.extraArguments = Map.copyOf(extraArguments);
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (LocalClusterSettings.wantsHelp(arguments)) {
            System.out.print(LocalClusterSettings.USAGE);
            return;
        }
        LocalClusterSettings settings;
        try {
            settings = LocalClusterSettings.parse(arguments, System.getenv(), Path.of(""));
        } catch (LocalClusterSettings.SettingsException e) {
            System.err.println("kubeplane-local: " + e.getMessage() + " (see --help)");
            System.exit(2);
            return;
        }
        LocalCluster cluster = new LocalCluster(settings, component -> Thread.ofPlatform().name("exit").start(() -> {
            System.err.println("kubeplane local cluster: " + component + " stopped unexpectedly; stopping the rest.");
            System.exit(1);
        }));
        // Ctrl-C (or a failure) stops whatever has started, in reverse order.
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("kubeplane-local-stop").unstarted(cluster::close));
        try {
            Started started = cluster.start();
            System.out.println();
            System.out.print(Summary.render(settings, started));
            System.out.flush();
        } catch (LocalClusterStartException e) {
            System.err.println();
            System.err.println("kubeplane local cluster failed to start: " + e.getMessage());
            System.exit(1);
        }
        cluster.awaitClose();
    }

    /**
     * Starts everything and returns once {@code /readyz} answers 200.
     *
     * @throws LocalClusterStartException after stopping whatever had started
     */
    public Started start() {
        long begin = System.nanoTime();
        try {
            Files.createDirectories(settings.home());
            log.info("starting the kubeplane local cluster in {}", settings.home());
            requirePortsFree();

            LocalClusterSettings.Database db = settings.database();
            PostgresLocator.Located postgres = PostgresLocator.onThisMachine().locate(
                    new PostgresTarget(db.url(), db.user(), db.password()), db.urlGiven(), db.userGiven(),
                    settings.postgresDirectory());
            register(postgres);
            log.info("cluster store: {} as {} ({})", postgres.target().url(), postgres.target().user(), postgres.description());

            String kafkaBootstrap = startKafka();
            String kafkaDescription = settings.embeddedKafka()
                    ? "embedded, log in " + settings.kafkaLogDirectory() : "external";

            AdminCredentials admin = AdminCredentials.ensure(settings.tokenFile());
            ServingCertificates.Files certificates = ServingCertificates.ensure(settings.certificateDirectory(), List.of());
            KubeconfigWriter.write(settings.kubeconfig(), "https://127.0.0.1:" + settings.ports().secure(),
                    Files.readAllBytes(certificates.caCertificate()), admin.token());

            AuthorizationFile.ensure(settings.authorizationFile());
            Path componentTokens = settings.home().resolve("components");
            for (String controller : ClusterComponents.tokenHolders()) {
                ComponentCredentials.ensure(settings.tokenFile(), componentTokens, controller);
            }
            List<Component> components = ClusterComponents.of(settings.ports(), kafkaBootstrap, settings.tokenFile(),
                    settings.authorizationFile(), settings.certificateDirectory(),
                    new ClusterComponents.ControllerAccess(certificates.caCertificate(), componentTokens), extraArguments,
                    settings.disabled());
            if (!settings.disabled().isEmpty()) {
                log.info("not starting {}: run {} yourself against this cluster", settings.disabled(),
                        settings.disabled().size() == 1 ? "it" : "them");
            }
            ComponentLauncher launcher = new ComponentLauncher(settings.startupTimeout(), postgres.target(), onUnexpectedStop);
            register(launcher);
            launcher.start(components);

            ClusterReadiness.await(URI.create("http://127.0.0.1:" + settings.ports().apiServer() + "/readyz"),
                    settings.startupTimeout(), launcher::allRunning);
            Duration took = Duration.ofNanos(System.nanoTime() - begin);
            log.info("the kubeplane local cluster is ready after {} ms", took.toMillis());
            return new Started(took, postgres.target(), postgres.description(), kafkaBootstrap, kafkaDescription,
                    admin.token(), components);
        } catch (IOException | RuntimeException e) {
            close();
            throw new LocalClusterStartException(e instanceof IOException ? "I/O error: " + e.getMessage()
                    : String.valueOf(e.getMessage()), e);
        }
    }

    // Checked up front so that a second local cluster, or anything else on a port, is reported at
    // once and by port, before anything has started.
    private void requirePortsFree() {
        LocalClusterSettings.Ports ports = settings.ports();
        List<Integer> wanted = new ArrayList<>(List.of(ports.apiServer(), ports.secure()));
        Map<String, List<Integer>> optional = Map.of("ipam-service", List.of(ports.ipamService()), "endpoints-controller",
                List.of(ports.endpointsController()), "dns-service", List.of(ports.dnsService()),
                "proxy-agent", List.of(ports.proxyAgent(), ports.secondProxyAgent()),
                "workload-controller", List.of(ports.workloadController()));
        // A disabled component's port is for the one the user runs: it may be taken already.
        optional.forEach((name, port) -> {
            if (!settings.disabled().contains(name)) {
                wanted.addAll(port);
            }
        });
        if (settings.embeddedKafka()) {
            wanted.add(settings.kafkaPort());
        }
        List<Integer> taken = wanted.stream().filter(port -> !isFree(port)).toList();
        if (!taken.isEmpty()) {
            throw new IllegalStateException("port" + (taken.size() > 1 ? "s " : " ") + taken.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + " on 127.0.0.1 " + (taken.size() > 1 ? "are" : "is")
                    + " in use (is another kubeplane-local running?); stop what uses "
                    + (taken.size() > 1 ? "them" : "it") + " or choose other ports (see --help).");
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String startKafka() {
        if (!settings.embeddedKafka()) {
            String bootstrap = settings.kafkaBootstrap();
            checkBrokerAnswers(bootstrap);
            return bootstrap;
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
                EmbeddedKafkaSettings.of(settings.kafkaLogDirectory()).withPort(settings.kafkaPort()));
        register(broker);
        return broker.bootstrapServers();
    }

    // An external broker that is not there would only show as a /readyz that never passes.
    private static void checkBrokerAnswers(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000))) {
            admin.describeCluster().clusterId().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("no Kafka broker answers at " + bootstrap + " (--kafka-bootstrap): " + e, e);
        }
    }

    private void register(AutoCloseable closeable) {
        synchronized (toClose) {
            toClose.push(closeable);
        }
    }

    /** Stops the components, then the broker, then an embedded PostgreSQL. Idempotent. */
    @Override
    public void close() {
        boolean any;
        synchronized (toClose) {
            any = !toClose.isEmpty();
        }
        if (any) {
            log.info("stopping the kubeplane local cluster");
        }
        while (true) {
            AutoCloseable next;
            synchronized (toClose) {
                next = toClose.poll();
            }
            if (next == null) {
                break;
            }
            try {
                next.close();
            } catch (Exception e) {
                log.warn("could not stop {} cleanly: {}", next.getClass().getSimpleName(), e.toString());
            }
        }
        if (any) {
            log.info("the kubeplane local cluster has stopped");
        }
        closed.countDown();
    }

    /** Blocks until {@link #close()} has run. */
    public void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
