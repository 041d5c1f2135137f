package io.kubeplane.local.access;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The bearer tokens the local cluster's controllers use against the api-server: one user per
 * component, {@code system:kubeplane:<component>}, in group {@code system:masters} (the controllers
 * write nodes, pods, services and events cluster-wide, as kube-controller-manager does). Each token
 * is in the api-server's token file and, for the component to read, alone in
 * {@code <home>/components/<component>.token} (mode 0600): it never appears on a command line.
 */
public final class ComponentCredentials {

    private ComponentCredentials() {
    }

    /**
     * Ensures {@code component}'s token exists in the token file and in its own file.
     *
     * @return the file holding the token alone
     */
    public static Path ensure(Path tokenFile, Path directory, String component) throws IOException {
        String token = TokenLines.ensure(tokenFile, "system:kubeplane:" + component, AdminCredentials.GROUP);
        Path file = directory.resolve(component + ".token");
        SecretFiles.write(file, token);
        return file;
    }
}
