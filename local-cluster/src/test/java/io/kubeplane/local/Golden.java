package io.kubeplane.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Reads golden files from {@code src/test/resources/golden/}. */
public final class Golden {

    private Golden() {
    }

    public static String read(String name) throws IOException {
        String resource = "golden/" + name;
        try (InputStream in = Objects.requireNonNull(Golden.class.getClassLoader().getResourceAsStream(resource), resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
