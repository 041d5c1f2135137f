package io.kubeplane.patch.apply;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Test helpers: JSON with {@code '} for {@code "}, YAML, and the files under {@code src/test/resources}. */
final class Fixtures {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private Fixtures() {
    }

    /** @return the tree of {@code json} with {@code '} read as {@code "} (no value here holds a quote) */
    static JsonNode json(String json) {
        return MAPPER.readTree(json.replace('\'', '"'));
    }

    /** @return the tree of a YAML document, as the api-server reads {@code application/apply-patch+yaml} */
    static JsonNode yaml(String yaml) {
        return YAML.readTree(yaml);
    }

    /** @return the text of {@code src/test/resources/<path>} */
    static String text(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** @return the document {@code src/test/resources/<path>} */
    static JsonNode resource(String path) {
        return MAPPER.readTree(text(path));
    }
}
