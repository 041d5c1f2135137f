package io.kubeplane.kafka.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The broker's storage directory: formatted once, as {@code kafka-storage.sh format} does, and
 * reused on every later start so that topics survive restarts.
 *
 * <p>Not thread-safe; {@link EmbeddedKafkaBroker} calls it under its own lock.
 */
final class StorageDirectory {

    /** Written last by the formatter; its presence means the directory is formatted. */
    static final String META_PROPERTIES = "meta.properties";

    private StorageDirectory() {
    }

    /**
     * Formats {@code dir} for a new cluster unless it is already formatted.
     *
     * @return the cluster id stored in the directory
     */
    static String formatIfNeeded(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path meta = dir.resolve(META_PROPERTIES);
        if (Files.exists(meta)) {
            return readClusterId(meta);
        }
        String clusterId = Uuid.randomUuid().toString();
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(BrokerProperties.NODE_ID)
                .setClusterId(clusterId)
                .setControllerListenerName(BrokerProperties.CONTROLLER_LISTENER)
                .setMetadataLogDirectory(dir.toString())
                .addDirectory(dir.toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
        return clusterId;
    }

    private static String readClusterId(Path meta) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            properties.load(in);
        }
        String clusterId = properties.getProperty("cluster.id");
        if (clusterId == null || clusterId.isBlank()) {
            throw new IOException(meta + " has no cluster.id");
        }
        return clusterId;
    }
}
