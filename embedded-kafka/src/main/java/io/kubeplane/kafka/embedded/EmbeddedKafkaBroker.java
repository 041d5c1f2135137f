package io.kubeplane.kafka.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft combined mode (broker and controller in one node), run
 * inside this JVM. The local cluster uses it as its event stream, and integration tests use it
 * instead of a container.
 *
 * <p>Data lives in the directory the settings name: it is formatted on the first start only, so a
 * {@link #stop()} followed by {@link #start()} keeps every topic and record, on the same ports.
 *
 * <p>Thread-safe: lifecycle methods are serialized. Typical use:
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaSettings.of(dir))) {
 *     producerProps.put("bootstrap.servers", broker.bootstrapServers());
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final EmbeddedKafkaSettings settings;
    private final Path logDir;
    private int port;
    private int controllerPort;
    private @Nullable String clusterId;
    private @Nullable KafkaRaftServer server;
    private @Nullable Duration lastStartup;

    private EmbeddedKafkaBroker(EmbeddedKafkaSettings settings) {
        this.settings = settings;
        this.logDir = settings.logDir().toAbsolutePath();
        this.port = settings.port();
    }

    /**
     * Starts a broker and returns once it accepts clients.
     *
     * @throws EmbeddedKafkaException if it cannot start
     */
    public static EmbeddedKafkaBroker start(EmbeddedKafkaSettings settings) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(settings);
        broker.start();
        return broker;
    }

    /**
     * Starts the broker again after {@link #stop()}, on the same ports and directory. Does nothing if
     * it is running.
     *
     * @throws EmbeddedKafkaException if it cannot start
     */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        long begin = System.nanoTime();
        KafkaRaftServer starting = null;
        try {
            clusterId = StorageDirectory.formatIfNeeded(logDir);
            if (port == 0) {
                port = freePort(settings.host());
            }
            if (controllerPort == 0) {
                controllerPort = freePort(settings.host());
            }
            KafkaConfig config = KafkaConfig.fromProps(BrokerProperties.render(
                    logDir, settings.host(), port, controllerPort, settings.brokerProperties()), false);
            starting = new KafkaRaftServer(config, Time.SYSTEM);
            // Returns once the broker is registered and unfenced, i.e. serves clients.
            starting.startup();
            server = starting;
        } catch (Exception e) {
            if (starting != null) {
                shutDown(starting);
            }
            throw new EmbeddedKafkaException("Kafka broker in " + logDir + " failed to start on "
                    + settings.host() + ":" + port + " (controller port " + controllerPort + ")", e);
        }
        lastStartup = Duration.ofNanos(System.nanoTime() - begin);
        log.info("Kafka broker {} started in {} ms at {} (cluster {}, data in {})",
                BrokerProperties.NODE_ID, lastStartup.toMillis(), bootstrapServers(), clusterId, logDir);
    }

    /** Shuts the broker down cleanly, keeping its data. Does nothing if it is not running. */
    public synchronized void stop() {
        KafkaRaftServer running = server;
        if (running == null) {
            return;
        }
        server = null;
        shutDown(running);
        log.info("Kafka broker at {} stopped", bootstrapServers());
    }

    /** Same as {@link #stop()}; the data directory stays for the caller to keep or delete. */
    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** {@code host:port} for clients' {@code bootstrap.servers}; valid once the broker has started. */
    public synchronized String bootstrapServers() {
        if (port == 0) {
            throw new IllegalStateException("the broker has not been started");
        }
        return settings.host() + ":" + port;
    }

    /** The cluster id written when the directory was formatted; valid once the broker has started. */
    public synchronized String clusterId() {
        if (clusterId == null) {
            throw new IllegalStateException("the broker has not been started");
        }
        return clusterId;
    }

    /** How long the last {@link #start()} took, from formatting to serving clients. */
    public synchronized Duration lastStartupTime() {
        if (lastStartup == null) {
            throw new IllegalStateException("the broker has not been started");
        }
        return lastStartup;
    }

    public EmbeddedKafkaSettings settings() {
        return settings;
    }

    private static void shutDown(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Kafka broker did not shut down cleanly", e);
        }
    }

    /**
     * A port nobody listens on right now. Kafka's listeners need their ports before the broker
     * starts (the controller's is part of the quorum configuration), so a free one is found by
     * binding port 0 and closing again; the short gap before Kafka binds it is acceptable on
     * loopback.
     */
    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        }
    }
}
