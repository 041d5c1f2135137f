package io.kubeplane.local.postgres;

import java.io.IOException;
import java.util.List;

/**
 * The PostgreSQL servers the distribution installed: listing them, starting a stopped one, and
 * creating a role in one. The
 * port {@link PostgresLocator} uses; {@link DebianClusters} is the real one.
 */
public interface InstalledServers {

    /** The installed clusters; empty where the tools are not installed. */
    List<InstalledCluster> list();

    /** Starts a stopped cluster and returns once it accepts connections. */
    void start(InstalledCluster cluster) throws IOException;

    /**
     * Creates a login role that may create databases, or resets its password if it exists, acting
     * as the cluster's superuser through the OS account that owns it.
     */
    void createRole(InstalledCluster cluster, String role, String password) throws IOException;
}
