package io.kubeplane.local.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local cluster's role bindings, {@code $KUBEPLANE_HOME/authorization.yaml}: written once with
 * the default (the admin's group {@code system:masters} is cluster-admin) and then the user's to
 * edit, beside {@code tokens.csv}, to give other tokens the view or edit role.
 */
public final class AuthorizationFile {

    static final String DEFAULT = """
            # Who may do what on this cluster; read by the api-server at start.
            # Users and groups are those of tokens.csv (token,user,uid,"group1,group2").
            # Roles: cluster-admin (everything), view (read everything), edit (everything in the listed namespaces).
            # Example:
            #   - role: view
            #     users: [viewer]
            #   - role: edit
            #     users: [alice]
            #     namespaces: [team-a]
            bindings:
            - role: cluster-admin
              groups: [system:masters]
            """;

    private AuthorizationFile() {
    }

    /** Writes the default file when there is none; an existing file is the user's and is kept. */
    public static void ensure(Path file) {
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, DEFAULT, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
