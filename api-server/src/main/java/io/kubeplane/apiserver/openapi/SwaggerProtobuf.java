package io.kubeplane.apiserver.openapi;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Encodes the Swagger 2.0 document as the protobuf message kubectl asks for
 * ({@code Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf}): the
 * {@code openapi.v2.Document} of gnostic ({@code github.com/google/gnostic-models/openapiv2}).
 * client-go parses the answer with {@code proto.Unmarshal} and has no JSON fallback, so kubectl's
 * client-side validation and its v2 patch metadata need this encoding.
 * <pre>
 *   Document     swagger=1 info=2 paths=8 definitions=9 security=12 security_definitions=13
 *   Schema       _ref=1 format=2 description=4 required=19 additional_properties=21 type=22
 *                items=23 all_of=24 properties=25 vendor_extension=31
 *   Operation    tags=1 description=3 operation_id=5 produces=6 consumes=7 parameters=8
 *                responses=9 schemes=10 vendor_extension=13
 *   NamedAny     name=1 value=2 → Any yaml=2   (an extension's value as YAML; JSON is YAML)
 * </pre>
 * Only what {@link SwaggerDocument} writes is encoded; anything else is a programming error and
 * throws.
 *
 * <p>Stateless and thread-safe.
 */
final class SwaggerProtobuf {

    private SwaggerProtobuf() {
    }

    /** @return the document's protobuf encoding */
    static byte[] encode(JsonNode swagger) {
        ProtoWriter document = new ProtoWriter().string(1, swagger.get("swagger").asString());
        JsonNode info = swagger.get("info");
        document.message(2, new ProtoWriter().string(1, info.get("title").asString())
                .string(2, info.get("version").asString()));
        ProtoWriter paths = new ProtoWriter();
        for (Map.Entry<String, JsonNode> path : swagger.get("paths").properties()) {
            paths.message(2, new ProtoWriter().string(1, path.getKey()).message(2, pathItem(path.getValue())));
        }
        document.message(8, paths);
        ProtoWriter definitions = new ProtoWriter();
        for (Map.Entry<String, JsonNode> definition : swagger.get("definitions").properties()) {
            definitions.message(1, named(definition.getKey(), schema(definition.getValue())));
        }
        document.message(9, definitions);
        for (JsonNode requirement : swagger.get("security")) {
            ProtoWriter requirements = new ProtoWriter();
            for (Map.Entry<String, JsonNode> scheme : requirement.properties()) {
                requirements.message(1, named(scheme.getKey(), strings(1, scheme.getValue())));
            }
            document.message(12, requirements);
        }
        ProtoWriter securityDefinitions = new ProtoWriter();
        for (Map.Entry<String, JsonNode> scheme : swagger.get("securityDefinitions").properties()) {
            JsonNode value = scheme.getValue();
            ProtoWriter apiKey = new ProtoWriter().string(1, value.get("type").asString())
                    .string(2, value.get("name").asString()).string(3, value.get("in").asString())
                    .string(4, value.path("description").asString(""));
            securityDefinitions.message(1, named(scheme.getKey(), new ProtoWriter().message(2, apiKey)));
        }
        document.message(13, securityDefinitions);
        return document.toByteArray();
    }

    private static ProtoWriter pathItem(JsonNode item) {
        ProtoWriter writer = new ProtoWriter();
        for (Map.Entry<String, JsonNode> entry : item.properties()) {
            switch (entry.getKey()) {
                case "get" -> writer.message(2, operation(entry.getValue()));
                case "put" -> writer.message(3, operation(entry.getValue()));
                case "post" -> writer.message(4, operation(entry.getValue()));
                case "delete" -> writer.message(5, operation(entry.getValue()));
                case "patch" -> writer.message(8, operation(entry.getValue()));
                case "parameters" -> entry.getValue().forEach(p -> writer.message(9, parameter(p)));
                default -> throw new IllegalArgumentException("path item field " + entry.getKey());
            }
        }
        return writer;
    }

    private static ProtoWriter operation(JsonNode op) {
        ProtoWriter writer = new ProtoWriter();
        for (Map.Entry<String, JsonNode> entry : op.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            switch (key) {
                case "tags" -> value.forEach(v -> writer.string(1, v.asString()));
                case "description" -> writer.string(3, value.asString());
                case "operationId" -> writer.string(5, value.asString());
                case "produces" -> value.forEach(v -> writer.string(6, v.asString()));
                case "consumes" -> value.forEach(v -> writer.string(7, v.asString()));
                case "parameters" -> value.forEach(p -> writer.message(8, parameter(p)));
                case "responses" -> writer.message(9, responses(value));
                case "schemes" -> value.forEach(v -> writer.string(10, v.asString()));
                default -> {
                    if (!key.startsWith("x-")) {
                        throw new IllegalArgumentException("operation field " + key);
                    }
                    writer.message(13, extension(key, value));
                }
            }
        }
        return writer;
    }

    /** A {@code ParametersItem} holding a {@code Parameter}: a body parameter, or a query or path one. */
    private static ProtoWriter parameter(JsonNode parameter) {
        String in = parameter.get("in").asString();
        ProtoWriter value;
        if (in.equals("body")) {
            value = new ProtoWriter().message(1, new ProtoWriter()
                    .string(1, parameter.path("description").asString(""))
                    .string(2, parameter.get("name").asString())
                    .string(3, in)
                    .bool(4, parameter.path("required").asBoolean(false))
                    .message(5, schema(parameter.get("schema"))));
        } else {
            // QueryParameterSubSchema and PathParameterSubSchema number their first fields alike, then
            // type is 6 (query, after allow_empty_value) or 5 (path), and unique_items 20 or 19.
            boolean query = in.equals("query");
            ProtoWriter sub = new ProtoWriter()
                    .bool(1, parameter.path("required").asBoolean(false))
                    .string(2, in)
                    .string(3, parameter.path("description").asString(""))
                    .string(4, parameter.get("name").asString())
                    .string(query ? 6 : 5, parameter.get("type").asString())
                    .bool(query ? 20 : 19, parameter.path("uniqueItems").asBoolean(false));
            if (!query && !in.equals("path")) {
                throw new IllegalArgumentException("parameter in " + in);
            }
            value = new ProtoWriter().message(2, new ProtoWriter().message(query ? 3 : 4, sub));
        }
        return new ProtoWriter().message(1, value);
    }

    private static ProtoWriter responses(JsonNode responses) {
        ProtoWriter writer = new ProtoWriter();
        for (Map.Entry<String, JsonNode> entry : responses.properties()) {
            JsonNode response = entry.getValue();
            ProtoWriter rendered = new ProtoWriter().string(1, response.get("description").asString());
            if (response.has("schema")) {
                rendered.message(2, new ProtoWriter().message(1, schema(response.get("schema"))));
            }
            writer.message(1, named(entry.getKey(), new ProtoWriter().message(1, rendered)));
        }
        return writer;
    }

    private static ProtoWriter schema(JsonNode schema) {
        ProtoWriter writer = new ProtoWriter();
        for (Map.Entry<String, JsonNode> entry : schema.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            switch (key) {
                case "$ref" -> writer.string(1, value.asString());
                case "format" -> writer.string(2, value.asString());
                case "description" -> writer.string(4, value.asString());
                case "required" -> value.forEach(v -> writer.string(19, v.asString()));
                case "additionalProperties" -> writer.message(21, value.isBoolean()
                        ? new ProtoWriter().bool(2, value.asBoolean())
                        : new ProtoWriter().message(1, schema(value)));
                case "type" -> writer.message(22, new ProtoWriter().string(1, value.asString()));
                case "items" -> writer.message(23, new ProtoWriter().message(1, schema(value)));
                case "allOf" -> value.forEach(v -> writer.message(24, schema(v)));
                case "properties" -> {
                    ProtoWriter properties = new ProtoWriter();
                    for (Map.Entry<String, JsonNode> property : value.properties()) {
                        properties.message(1, named(property.getKey(), schema(property.getValue())));
                    }
                    writer.message(25, properties);
                }
                default -> {
                    if (!key.startsWith("x-")) {
                        throw new IllegalArgumentException("schema field " + key);
                    }
                    writer.message(31, extension(key, value));
                }
            }
        }
        return writer;
    }

    /** A {@code NamedAny} whose {@code Any.yaml} holds the extension's value. */
    private static ProtoWriter extension(String name, JsonNode value) {
        return named(name, new ProtoWriter().string(2, value.toString()));
    }

    /** The {@code Named*} shape every map entry takes: {@code name = 1, value = 2}. */
    private static ProtoWriter named(String name, ProtoWriter value) {
        return new ProtoWriter().string(1, name).message(2, value);
    }

    private static ProtoWriter strings(int field, JsonNode array) {
        ProtoWriter writer = new ProtoWriter();
        array.forEach(v -> writer.string(field, v.asString()));
        return writer;
    }
}
