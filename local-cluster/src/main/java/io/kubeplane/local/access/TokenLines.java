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
 * Lines of the api-server's token file (kube-apiserver's {@code --token-auth-file} format:
 * {@code token,user,uid,"group1,group2"}). A user's token is generated once — 32 random bytes, hex —
 * and read back on every later start; lines a user added to the file are kept. Stateless.
 */
final class TokenLines {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenLines() {
    }

    /** The token of {@code user} in {@code tokenFile}, creating the file (mode 0600) or adding the line when missing. */
    static String ensure(Path tokenFile, String user, String group) throws IOException {
        String existing = Files.exists(tokenFile) ? Files.readString(tokenFile, StandardCharsets.UTF_8) : null;
        if (existing != null) {
            Optional<String> token = findToken(existing, user);
            if (token.isPresent()) {
                return token.get();
            }
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        String line = token + "," + user + "," + UUID.randomUUID() + ",\"" + group + "\"\n";
        if (existing == null) {
            SecretFiles.write(tokenFile, "# kubeplane local cluster bearer tokens (kube-apiserver --token-auth-file format)\n" + line);
        } else {
            String separator = existing.isEmpty() || existing.endsWith("\n") ? "" : "\n";
            Files.writeString(tokenFile, separator + line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
        return token;
    }

    /** The token of the first line for {@code user}, if any. Pure. */
    static Optional<String> findToken(String tokenFileText, String user) {
        for (String raw : tokenFileText.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",", 3);
            if (fields.length >= 2 && user.equals(unquote(fields[1])) && !unquote(fields[0]).isEmpty()) {
                return Optional.of(unquote(fields[0]));
            }
        }
        return Optional.empty();
    }

    private static String unquote(String field) {
        String f = field.strip();
        return f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"") ? f.substring(1, f.length() - 1) : f;
    }
}
