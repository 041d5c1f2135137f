package io.kubeplane.local.postgres;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs a PostgreSQL server of our own when no other is available. The port
 * {@link PostgresLocator} uses; {@link ZonkyEmbeddedServer} is the real one.
 */
public interface EmbeddedServer {

    /**
     * Starts a server keeping its data in {@code directory} (initialised on first use, reused
     * afterwards) and returns once it accepts connections for superuser {@code postgres} without a
     * password.
     *
     * @param preferredPort the port to listen on if it is free; otherwise any free port
     */
    Running start(Path directory, int preferredPort) throws IOException;

    /** A started server; closing it stops the server and keeps its data. */
    interface Running extends AutoCloseable {

        int port();

        @Override
        void close();
    }
}
