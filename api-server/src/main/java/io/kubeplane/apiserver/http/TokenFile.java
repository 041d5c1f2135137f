package io.kubeplane.apiserver.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Static bearer tokens in kube-apiserver's {@code --token-auth-file} format: one CSV line per token,
 * {@code token,user,uid,"group1,group2"}; blank lines and lines starting with {@code #} are
 * skipped. Tokens are compared in constant time and never logged. Immutable and thread-safe.
 */
public final class TokenFile {

    private final Map<String, UserInfo> users;

    private TokenFile(Map<String, UserInfo> users) {
        this.users = Map.copyOf(users);
    }

    public static TokenFile read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    static TokenFile parse(String text, String source) {
        Map<String, UserInfo> users = new HashMap<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = csv(line);
            if (fields.size() < 3 || fields.get(0).isEmpty() || fields.get(1).isEmpty()) {
                throw new IllegalArgumentException(source + " line " + (i + 1)
                        + ": expected token,user,uid[,\"group1,group2\"]");
            }
            List<String> groups = new ArrayList<>();
            if (fields.size() > 3 && !fields.get(3).isBlank()) {
                for (String group : fields.get(3).split(",")) {
                    groups.add(group.strip());
                }
            }
            groups.add("system:authenticated");
            users.put(fields.get(0), new UserInfo(fields.get(1), fields.get(2), groups));
        }
        return new TokenFile(users);
    }

    /** The user a token belongs to. */
    public Optional<UserInfo> authenticate(String token) {
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        UserInfo found = null;
        for (Map.Entry<String, UserInfo> entry : users.entrySet()) {
            // Compare against every token so timing does not reveal which one is close.
            if (MessageDigest.isEqual(given, entry.getKey().getBytes(StandardCharsets.UTF_8))) {
                found = entry.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    public int size() {
        return users.size();
    }

    private static List<String> csv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
