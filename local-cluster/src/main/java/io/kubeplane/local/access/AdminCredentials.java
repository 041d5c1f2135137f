package io.kubeplane.local.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * The cluster admin's bearer token, kept in the api-server's token file (kube-apiserver's
 * {@code --token-auth-file} format: {@code token,user,uid,"group1,group2"}). It is generated once —
 * 32 random bytes, hex — for user {@value #USER} in group {@value #GROUP}, and read back on every
 * later start, so kubeconfigs handed out earlier keep working. Other lines a user added to the file
 * are kept.
 *
 * <p>Immutable; {@link #toString()} does not show the token. Created by {@link #ensure} from the
 * local cluster's startup.
 *
 * @param token the bearer token
 */
public record AdminCredentials(String token) {

    public static final String USER = "kubeplane-admin";
    public static final String GROUP = "system:masters";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The admin token in {@code tokenFile}, creating the file (mode 0600) or adding the line when missing. */
    public static AdminCredentials ensure(Path tokenFile) throws IOException {
        String existing = Files.exists(tokenFile) ? Files.readString(tokenFile, StandardCharsets.UTF_8) : null;
        if (existing != null) {
            Optional<String> token = findToken(existing);
            if (token.isPresent()) {
                return new AdminCredentials(token.get());
            }
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        String line = line(token, UUID.randomUUID().toString());
        if (existing == null) {
            SecretFiles.write(tokenFile, "# kubeplane local cluster bearer tokens (kube-apiserver --token-auth-file format)\n" + line);
        } else {
            String separator = existing.isEmpty() || existing.endsWith("\n") ? "" : "\n";
            Files.writeString(tokenFile, separator + line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
        return new AdminCredentials(token);
    }

    /** The token of the first line for {@value #USER}, if any. Pure. */
    static Optional<String> findToken(String tokenFileText) {
        for (String raw : tokenFileText.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",", 3);
            if (fields.length >= 2 && USER.equals(unquote(fields[1])) && !unquote(fields[0]).isEmpty()) {
                return Optional.of(unquote(fields[0]));
            }
        }
        return Optional.empty();
    }

    /** One token-file line for the admin. Pure. */
    static String line(String token, String uid) {
        return token + "," + USER + "," + uid + ",\"" + GROUP + "\"\n";
    }

    private static String unquote(String field) {
        String f = field.strip();
        return f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"") ? f.substring(1, f.length() - 1) : f;
    }

    @Override
    public String toString() {
        return "AdminCredentials[user=" + USER + ", token=(hidden)]";
    }
}
