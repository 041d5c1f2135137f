package io.kubeplane.kafka.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to run an {@link EmbeddedKafkaBroker}: where its data lives, where it listens, and any broker
 * properties to set on top of the single-node defaults.
 *
 * <p>Immutable and thread-safe; change a copy with the {@code with…} methods.
 *
 * @param logDir           the broker's storage directory; formatted on first start and reused
 *                         afterwards, so topics survive a restart
 * @param port             the client (PLAINTEXT) port; {@code 0} picks a free port on first start,
 *                         which is then kept for restarts of the same broker
 * @param host             the address to listen on and advertise, {@code 127.0.0.1} by default
 * @param brokerProperties Kafka broker properties that override the defaults, e.g.
 *                         {@code auto.create.topics.enable=true}
 */
public record EmbeddedKafkaSettings(Path logDir, int port, String host, Map<String, String> brokerProperties) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    public EmbeddedKafkaSettings {
        Objects.requireNonNull(logDir, "logDir");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, was " + port);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        brokerProperties = Map.copyOf(brokerProperties);
    }

    /** A broker storing its data in {@code logDir}, on a free port of {@code 127.0.0.1}. */
    public static EmbeddedKafkaSettings of(Path logDir) {
        return new EmbeddedKafkaSettings(logDir, 0, DEFAULT_HOST, Map.of());
    }

    public EmbeddedKafkaSettings withLogDir(Path logDir) {
        return new EmbeddedKafkaSettings(logDir, port, host, brokerProperties);
    }

    public EmbeddedKafkaSettings withPort(int port) {
        return new EmbeddedKafkaSettings(logDir, port, host, brokerProperties);
    }

    public EmbeddedKafkaSettings withHost(String host) {
        return new EmbeddedKafkaSettings(logDir, port, host, brokerProperties);
    }

    /** These broker properties instead of the current ones. */
    public EmbeddedKafkaSettings withBrokerProperties(Map<String, String> brokerProperties) {
        return new EmbeddedKafkaSettings(logDir, port, host, brokerProperties);
    }

    /** One more broker property, replacing any earlier value of the same key. */
    public EmbeddedKafkaSettings withBrokerProperty(String key, String value) {
        Map<String, String> properties = new LinkedHashMap<>(brokerProperties);
        properties.put(key, value);
        return new EmbeddedKafkaSettings(logDir, port, host, properties);
    }
}
