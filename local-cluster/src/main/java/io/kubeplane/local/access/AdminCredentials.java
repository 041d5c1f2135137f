package io.kubeplane.local.access;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The cluster admin's bearer token, kept in the api-server's token file ({@link TokenLines}),
 * for user {@value #USER} in group {@value #GROUP}: generated once and read back on every later
 * start, so kubeconfigs handed out earlier keep working.
 *
 * <p>Immutable; {@link #toString()} does not show the token. Created by {@link #ensure} from the
 * local cluster's startup.
 *
 * @param token the bearer token
 */
public record AdminCredentials(String token) {

    public static final String USER = "kubeplane-admin";
    public static final String GROUP = "system:masters";

    /** The admin token in {@code tokenFile}, creating the file (mode 0600) or adding the line when missing. */
    public static AdminCredentials ensure(Path tokenFile) throws IOException {
        return new AdminCredentials(TokenLines.ensure(tokenFile, USER, GROUP));
    }

    /** The token of the first line for {@value #USER}, if any. Pure. */
    static Optional<String> findToken(String tokenFileText) {
        return TokenLines.findToken(tokenFileText, USER);
    }

    @Override
    public String toString() {
        return "AdminCredentials[user=" + USER + ", token=(hidden)]";
    }
}
