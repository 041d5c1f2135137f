package io.kubeplane.apiserver.openapi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Derives the OpenAPI 3.0 documents of {@code /openapi/v3/<group version>} from the Swagger 2.0
 * document, as kube-apiserver publishes them: one document per group version with that group
 * version's paths and only the schemas they reach, under {@code components.schemas}.
 * <pre>
 *   v2 parameter {in: body, schema}        → requestBody {content: {"*&#47;*": {schema}}, required}
 *   v2 parameter {in: query, type: string} → {in: query, schema: {type: string, uniqueItems: true}}
 *   v2 response {schema}, produces [...]   → {content: {"application/json": {schema}, ...}}
 *   "#/definitions/X"                      → "#/components/schemas/X"
 *   property {$ref, description}           → {allOf: [{$ref}], description}
 *   IntOrString {type: string}             → {oneOf: [{type: integer}, {type: string}]}  (Quantity alike)
 * </pre>
 * The last rule is kube-openapi's, so that a field's own description sits beside, not instead of,
 * its type's; {@code kubectl explain} prints both. Where the field has no description of its own
 * ({@link SwaggerDefinitions} then repeats the type's), the {@code $ref} stays bare so that it is
 * printed once.
 *
 * <p>Stateless and thread-safe.
 */
final class OpenApiV3 {

    static final String REF_PREFIX = "#/components/schemas/";

    /** The types kube-openapi publishes in v3 as a choice of JSON types ({@code OpenAPIV3OneOfTypes}). */
    private static final Map<String, List<String>> ONE_OF_TYPES = Map.of(
            DefinitionNames.INT_OR_STRING, List.of("integer", "string"),
            DefinitionNames.QUANTITY, List.of("string", "number"));

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OpenApiV3() {
    }

    /**
     * @param swagger the v2 document
     * @return the v3 documents by group-version path ({@code api/v1}, {@code apis/apps/v1}), sorted
     */
    static Map<String, ObjectNode> render(ObjectNode swagger) {
        Map<String, Map<String, JsonNode>> pathsByGroupVersion = new TreeMap<>();
        for (Map.Entry<String, JsonNode> path : swagger.get("paths").properties()) {
            pathsByGroupVersion.computeIfAbsent(groupVersion(path.getKey()), k -> new TreeMap<>())
                    .put(path.getKey(), path.getValue());
        }
        JsonNode definitions = swagger.get("definitions");
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        pathsByGroupVersion.forEach((groupVersion, paths) -> {
            ObjectNode document = NODES.objectNode().put("openapi", "3.0.0");
            document.set("info", swagger.get("info").deepCopy());
            ObjectNode renderedPaths = document.putObject("paths");
            paths.forEach((path, item) -> renderedPaths.set(path, pathItem(item)));
            ObjectNode components = document.putObject("components");
            ObjectNode schemas = components.putObject("schemas");
            for (String name : reachable(paths.values(), definitions)) {
                schemas.set(name, definition(name, definitions.get(name), definitions));
            }
            JsonNode bearer = swagger.at("/securityDefinitions/BearerToken").deepCopy();
            components.putObject("securitySchemes").set("BearerToken", bearer);
            document.set("security", swagger.get("security").deepCopy());
            documents.put(groupVersion, document);
        });
        return documents;
    }

    /** {@code /api/v1/...} → {@code api/v1}; {@code /apis/apps/v1/...} → {@code apis/apps/v1}. */
    static String groupVersion(String path) {
        String[] segments = path.substring(1).split("/");
        return segments[0].equals("api") ? "api/" + segments[1] : "apis/" + segments[1] + "/" + segments[2];
    }

    private static ObjectNode pathItem(JsonNode item) {
        ObjectNode rendered = NODES.objectNode();
        for (Map.Entry<String, JsonNode> entry : item.properties()) {
            if (entry.getKey().equals("parameters")) {
                ArrayNode parameters = rendered.putArray("parameters");
                entry.getValue().forEach(p -> parameters.add(parameter(p)));
            } else {
                rendered.set(entry.getKey(), operation(entry.getValue()));
            }
        }
        return rendered;
    }

    private static ObjectNode operation(JsonNode op) {
        ObjectNode rendered = NODES.objectNode();
        rendered.set("tags", op.get("tags").deepCopy());
        rendered.put("description", op.get("description").asString());
        rendered.put("operationId", op.get("operationId").asString());
        ArrayNode parameters = NODES.arrayNode();
        for (JsonNode parameter : op.path("parameters")) {
            if (parameter.get("in").asString().equals("body")) {
                ObjectNode body = rendered.putObject("requestBody");
                ObjectNode content = body.putObject("content");
                for (JsonNode type : op.get("consumes")) {
                    content.putObject(type.asString()).set("schema", schema(parameter.get("schema")));
                }
                if (parameter.path("required").asBoolean(false)) {
                    body.put("required", true);
                }
            } else {
                parameters.add(parameter(parameter));
            }
        }
        if (!parameters.isEmpty()) {
            rendered.set("parameters", parameters);
        }
        ObjectNode responses = rendered.putObject("responses");
        for (Map.Entry<String, JsonNode> response : op.get("responses").properties()) {
            ObjectNode renderedResponse = responses.putObject(response.getKey())
                    .put("description", response.getValue().get("description").asString());
            if (response.getValue().has("schema")) {
                ObjectNode content = renderedResponse.putObject("content");
                for (JsonNode type : op.get("produces")) {
                    content.putObject(type.asString()).set("schema", schema(response.getValue().get("schema")));
                }
            }
        }
        for (Map.Entry<String, JsonNode> entry : op.properties()) {
            if (entry.getKey().startsWith("x-")) {
                rendered.set(entry.getKey(), entry.getValue().deepCopy());
            }
        }
        return rendered;
    }

    private static ObjectNode parameter(JsonNode parameter) {
        ObjectNode rendered = NODES.objectNode().put("name", parameter.get("name").asString())
                .put("in", parameter.get("in").asString());
        if (parameter.has("description")) {
            rendered.put("description", parameter.get("description").asString());
        }
        if (parameter.path("required").asBoolean(false)) {
            rendered.put("required", true);
        }
        ObjectNode schema = rendered.putObject("schema").put("type", parameter.get("type").asString());
        if (parameter.path("uniqueItems").asBoolean(false)) {
            schema.put("uniqueItems", true);
        }
        return rendered;
    }

    private static ObjectNode definition(String name, JsonNode definition, JsonNode definitions) {
        ObjectNode rendered = NODES.objectNode();
        List<String> oneOf = ONE_OF_TYPES.get(name);
        if (oneOf != null) {
            // A v3 client accepts either JSON type; kubectl explain then names the type (<IntOrString>).
            rendered.setAll((ObjectNode) definition);
            rendered.remove("type");
            ArrayNode types = rendered.putArray("oneOf");
            oneOf.forEach(type -> types.addObject().put("type", type));
            return rendered;
        }
        for (Map.Entry<String, JsonNode> entry : definition.properties()) {
            if (entry.getKey().equals("properties")) {
                ObjectNode properties = rendered.putObject("properties");
                for (Map.Entry<String, JsonNode> property : entry.getValue().properties()) {
                    properties.set(property.getKey(), property(property.getValue(), definitions));
                }
            } else {
                rendered.set(entry.getKey(), entry.getValue().deepCopy());
            }
        }
        return rendered;
    }

    private static ObjectNode property(JsonNode property, JsonNode definitions) {
        if (!property.has("$ref") || !property.has("description")) {
            return schema(property);
        }
        String target = property.get("$ref").asString().substring(SwaggerDefinitions.REF_PREFIX.length());
        String description = property.get("description").asString();
        if (description.equals(definitions.path(target).path("description").asString(""))) {
            return schema(property);
        }
        ObjectNode rendered = NODES.objectNode();
        rendered.putArray("allOf").addObject().put("$ref", REF_PREFIX + target);
        for (Map.Entry<String, JsonNode> entry : property.properties()) {
            if (!entry.getKey().equals("$ref")) {
                rendered.set(entry.getKey(), entry.getValue().deepCopy());
            }
        }
        return rendered;
    }

    /** A copy of a v2 schema with its references pointing into {@code components.schemas}. */
    private static ObjectNode schema(JsonNode schema) {
        ObjectNode rendered = NODES.objectNode();
        for (Map.Entry<String, JsonNode> entry : schema.properties()) {
            JsonNode value = entry.getValue();
            switch (entry.getKey()) {
                case "$ref" -> rendered.put("$ref",
                        REF_PREFIX + value.asString().substring(SwaggerDefinitions.REF_PREFIX.length()));
                case "items", "additionalProperties" -> rendered.set(entry.getKey(), value.isObject() ? schema(value) : value);
                default -> rendered.set(entry.getKey(), value.deepCopy());
            }
        }
        return rendered;
    }

    /** The names of the definitions reachable from these path items, sorted. */
    private static Set<String> reachable(Iterable<JsonNode> roots, JsonNode definitions) {
        Set<String> seen = new TreeSet<>();
        Deque<JsonNode> pending = new ArrayDeque<>();
        roots.forEach(pending::add);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isObject() && node.has("$ref") && node.get("$ref").isString()) {
                String name = node.get("$ref").asString().substring(SwaggerDefinitions.REF_PREFIX.length());
                if (seen.add(name)) {
                    pending.push(definitions.get(name));
                }
            }
            if (node.isContainer()) {
                node.forEach(pending::push);
            }
        }
        return seen;
    }
}
