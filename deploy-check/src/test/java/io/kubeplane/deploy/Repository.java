package io.kubeplane.deploy;

import java.nio.file.Path;

/** Where the checked files are: the repository root and the version the build makes images of. */
final class Repository {

    private Repository() {
    }

    static Path root() {
        return Path.of(System.getProperty("kubeplane.root", "..")).toAbsolutePath().normalize();
    }

    static String version() {
        return System.getProperty("kubeplane.version", "0.1.0-SNAPSHOT");
    }
}
