package io.kubeplane.local.postgres;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * The database role the local cluster created for itself, kept in {@code <dir>/credentials}
 * ({@code user=…}, {@code password=…}, mode 0600) so that later starts log in as it without asking
 * anyone. Stateless; used by {@link PostgresLocator}.
 */
final class StoredCredentials {

    static final String FILE = "credentials";

    private StoredCredentials() {
    }

    /** A role and password, valid on {@code server} ({@code host:port}). */
    record Credentials(String server, String user, String password) {

        @Override
        public String toString() {
            return "Credentials[user=" + user + "]";
        }
    }

    static Optional<Credentials> read(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
            properties.load(reader);
        }
        String user = properties.getProperty("user", "");
        return user.isBlank() ? Optional.empty()
                : Optional.of(new Credentials(properties.getProperty("server", ""), user, properties.getProperty("password", "")));
    }

    static void write(Path directory, Credentials credentials) throws IOException {
        Files.createDirectories(directory);
        Path temporary = directory.resolve(FILE + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, "# the role kubeplane-local created for itself in the local PostgreSQL\nserver="
                + credentials.server() + "\nuser=" + credentials.user() + "\npassword=" + credentials.password() + "\n",
                StandardCharsets.UTF_8);
        Files.move(temporary, directory.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
