package io.kubeplane.patch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test helpers: JSON written with single quotes for readability, and the documents under {@code documents/}. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    /** @return the tree of {@code json} with {@code '} read as {@code "} (no value here holds a quote) */
    static JsonNode json(String json) {
        return MAPPER.readTree(json.replace('\'', '"'));
    }

    /** @return the document {@code src/test/resources/<path>} */
    static JsonNode resource(String path) {
        try (InputStream in = Json.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return MAPPER.readTree(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
