package io.kubeplane.apiserver.openapi;

import io.kubeplane.model.ApiResources;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI documents, rendered once and kept as bytes with the ETag kube-apiserver gives them
 * (the upper-case hex SHA-512 of the bytes served):
 * <pre>
 *   /openapi/v2                    Swagger 2.0, as JSON and as gnostic protobuf
 *   /openapi/v3                    {"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=&lt;etag&gt;"}, ...}}
 *   /openapi/v3/api/v1             OpenAPI 3.0 of the core group
 *   /openapi/v3/apis/apps/v1       ... one per served group version
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
final class OpenApiDocuments {

    /** A served document: its bytes (never to be changed) and its ETag (unquoted). */
    record Document(byte[] bytes, String etag) {

        static Document of(byte[] bytes) {
            return new Document(bytes, hash(bytes));
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Document v2Json;
    private final Document v2Protobuf;
    private final Document v3Index;
    private final Map<String, Document> v3;

    private OpenApiDocuments(Document v2Json, Document v2Protobuf, Document v3Index, Map<String, Document> v3) {
        this.v2Json = v2Json;
        this.v2Protobuf = v2Protobuf;
        this.v3Index = v3Index;
        this.v3 = Map.copyOf(v3);
    }

    /**
     * @param resources the served kinds
     * @param docs where the descriptions come from
     * @return the documents of the served kinds
     */
    static OpenApiDocuments render(ApiResources resources, ModelDocs docs) {
        ObjectNode swagger = SwaggerDocument.render(resources, docs);
        Map<String, Document> v3 = new LinkedHashMap<>();
        ObjectNode index = JsonNodeFactory.instance.objectNode();
        ObjectNode paths = index.putObject("paths");
        OpenApiV3.render(swagger).forEach((groupVersion, document) -> {
            Document rendered = Document.of(JSON.writeValueAsBytes(document));
            v3.put(groupVersion, rendered);
            paths.putObject(groupVersion).put("serverRelativeURL", "/openapi/v3/" + groupVersion + "?hash=" + rendered.etag());
        });
        return new OpenApiDocuments(Document.of(JSON.writeValueAsBytes(swagger)), Document.of(SwaggerProtobuf.encode(swagger)),
                Document.of(JSON.writeValueAsString(index).getBytes(StandardCharsets.UTF_8)), v3);
    }

    /** @return the Swagger 2.0 document as JSON */
    public Document v2Json() {
        return v2Json;
    }

    /** @return the Swagger 2.0 document as gnostic protobuf */
    public Document v2Protobuf() {
        return v2Protobuf;
    }

    /** @return the {@code /openapi/v3} index */
    public Document v3Index() {
        return v3Index;
    }

    /**
     * @param groupVersion {@code api/v1} or {@code apis/<group>/<version>}
     * @return that group version's OpenAPI 3.0 document, if it is served
     */
    public Optional<Document> v3(String groupVersion) {
        return Optional.ofNullable(v3.get(groupVersion));
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-512", e);
        }
    }
}
