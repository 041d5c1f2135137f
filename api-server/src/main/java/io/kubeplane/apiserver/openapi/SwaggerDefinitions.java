package io.kubeplane.apiserver.openapi;

import static io.kubeplane.apiserver.openapi.DefinitionNames.INT_OR_STRING;
import static io.kubeplane.apiserver.openapi.DefinitionNames.MICRO_TIME;
import static io.kubeplane.apiserver.openapi.DefinitionNames.QUANTITY;
import static io.kubeplane.apiserver.openapi.DefinitionNames.TIME;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeplane.apiserver.openapi.ModelDocs.FieldDoc;
import io.kubeplane.apiserver.openapi.ModelDocs.ModelDoc;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders the Swagger 2.0 {@code definitions} of Kubernetes types: the structure from the fabric8
 * model classes (their {@code @JsonProperty} fields, so exactly what kubeplane reads and writes),
 * descriptions and required fields from {@link ModelDocs}, list and patch semantics from
 * {@link SchemaExtensions}. Every type reachable from the roots is rendered once, under its
 * Kubernetes name ({@link DefinitionNames}); a field of another type is a {@code $ref}:
 * <pre>
 *   "io.k8s.api.core.v1.ServiceSpec": {
 *     "description": "ServiceSpec describes the attributes that a user creates on a service.",
 *     "type": "object",
 *     "properties": {
 *       "ports": {"type": "array", "items": {"$ref": "#/definitions/io.k8s.api.core.v1.ServicePort"},
 *                 "description": "...", "x-kubernetes-list-type": "map", ...},
 *       "selector": {"type": "object", "additionalProperties": {"type": "string"}, ...},
 *       "sessionAffinityConfig": {"$ref": "#/definitions/io.k8s.api.core.v1.SessionAffinityConfig", ...}
 * </pre>
 * {@code IntOrString}, {@code Quantity}, {@code Time} and {@code MicroTime} are strings with a format,
 * as in Kubernetes; fabric8 holds {@code Time} fields as plain strings, so {@link FieldDoc#time()}
 * tells them apart.
 *
 * <p>Not thread-safe: one instance renders one set of definitions, then is dropped.
 */
final class SwaggerDefinitions {

    static final String REF_PREFIX = "#/definitions/";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ModelDocs docs;
    private final SchemaExtensions extensions;
    private final Map<String, ObjectNode> definitions = new TreeMap<>();

    SwaggerDefinitions(ModelDocs docs, SchemaExtensions extensions) {
        this.docs = docs;
        this.extensions = extensions;
    }

    /**
     * Renders a fabric8 model class and every type it reaches.
     *
     * @return its definition name
     */
    String add(Class<?> type) {
        String name = DefinitionNames.of(type);
        if (definitions.containsKey(name)) {
            return name;
        }
        ModelDoc doc = docs.lookup(name).orElse(new ModelDoc("", Map.of()));
        ObjectNode definition = NODES.objectNode();
        definitions.put(name, definition); // before the fields, so that a cycle ends here
        Map<String, ObjectNode> properties = new TreeMap<>();
        for (Field field : jsonFields(type)) {
            String json = field.getAnnotation(JsonProperty.class).value();
            FieldDoc fieldDoc = doc.field(json);
            properties.put(json, schemaOf(field.getGenericType(), fieldDoc != null && fieldDoc.time()));
        }
        fill(definition, name, doc, properties);
        return name;
    }

    /**
     * Renders a type that has no fabric8 class (e.g. {@code autoscaling/v1 Scale}) from its
     * properties' schemas, documented and extended like any other.
     */
    void addObject(String name, Map<String, ObjectNode> properties) {
        fill(definitions.computeIfAbsent(name, k -> NODES.objectNode()), name,
                docs.lookup(name).orElse(new ModelDoc("", Map.of())), new TreeMap<>(properties));
    }

    /** Adds {@code x-kubernetes-group-version-kind} to a rendered definition. */
    void addGroupVersionKind(String name, String group, String version, String kind) {
        ObjectNode definition = definitions.get(name);
        if (definition == null) {
            throw new IllegalArgumentException("no definition " + name);
        }
        ArrayNode gvks = definition.has("x-kubernetes-group-version-kind")
                ? (ArrayNode) definition.get("x-kubernetes-group-version-kind")
                : definition.putArray("x-kubernetes-group-version-kind");
        gvks.addObject().put("group", group).put("kind", kind).put("version", version);
    }

    /** @return the rendered definitions by name, sorted */
    Map<String, ObjectNode> definitions() {
        return definitions;
    }

    /** @return the schema of a field of this Java type, rendering the types it names */
    ObjectNode schemaOf(Type type, boolean time) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                ObjectNode array = NODES.objectNode().put("type", "array");
                array.set("items", schemaOf(arguments[0], false));
                return array;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode map = NODES.objectNode().put("type", "object");
                map.set("additionalProperties", schemaOf(arguments[1], false));
                return map;
            }
        }
        if (!(type instanceof Class<?> c)) {
            throw new IllegalArgumentException("no schema for " + type);
        }
        if (c == String.class) {
            return time ? ref(scalar(TIME, "date-time")) : NODES.objectNode().put("type", "string");
        }
        if (c == Integer.class || c == int.class) {
            return NODES.objectNode().put("type", "integer").put("format", "int32");
        }
        if (c == Long.class || c == long.class) {
            return NODES.objectNode().put("type", "integer").put("format", "int64");
        }
        if (c == Boolean.class || c == boolean.class) {
            return NODES.objectNode().put("type", "boolean");
        }
        if (c == Double.class || c == double.class || c == Float.class || c == float.class) {
            return NODES.objectNode().put("type", "number").put("format", "double");
        }
        if (c == IntOrString.class) {
            return ref(scalar(INT_OR_STRING, "int-or-string"));
        }
        if (c == Quantity.class) {
            return ref(scalar(QUANTITY, null));
        }
        if (c == MicroTime.class || c == java.time.ZonedDateTime.class) {
            // fabric8 types some MicroTime fields (a Lease's acquireTime, renewTime) as ZonedDateTime.
            return ref(scalar(MICRO_TIME, "date-time"));
        }
        if (c == FieldsV1.class) {
            return ref(opaqueObject(DefinitionNames.of(c)));
        }
        if (c.getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return ref(add(c));
        }
        if (c == Object.class) {
            return NODES.objectNode().put("type", "object");
        }
        throw new IllegalArgumentException("no schema for " + c.getName());
    }

    /** A definition Kubernetes publishes as an object without properties (FieldsV1, Patch). */
    String opaqueObject(String name) {
        definitions.computeIfAbsent(name, k -> withDescription(NODES.objectNode(), BuiltinTypes.description(k))
                .put("type", "object"));
        return name;
    }

    private String scalar(String name, @Nullable String format) {
        definitions.computeIfAbsent(name, k -> {
            ObjectNode definition = withDescription(NODES.objectNode(), BuiltinTypes.description(k)).put("type", "string");
            return format == null ? definition : definition.put("format", format);
        });
        return name;
    }

    static ObjectNode ref(String definition) {
        return NODES.objectNode().put("$ref", REF_PREFIX + definition);
    }

    private void fill(ObjectNode definition, String name, ModelDoc doc, Map<String, ObjectNode> properties) {
        withDescription(definition, doc.description()).put("type", "object");
        List<String> required = new ArrayList<>();
        ObjectNode rendered = definition.putObject("properties");
        properties.forEach((json, schema) -> {
            FieldDoc fieldDoc = doc.field(json);
            String description = fieldDoc == null ? "" : fieldDoc.description();
            if (description.isEmpty() && schema.has("$ref")) {
                // Kubernetes describes such a field on the field; the client models keep only the
                // type's description, which is the next best thing for kubectl explain's field list.
                String target = schema.get("$ref").asString().substring(REF_PREFIX.length());
                description = docs.lookup(target).map(ModelDoc::description).orElse("");
            }
            ObjectNode property = NODES.objectNode();
            property.setAll(schema);
            withDescription(property, description);
            property.setAll(extensions.forProperty(name, json));
            rendered.set(json, property);
            if (fieldDoc != null && fieldDoc.required()) {
                required.add(json);
            }
        });
        if (!required.isEmpty()) {
            ArrayNode list = definition.putArray("required");
            required.forEach(list::add);
        }
        definition.setAll(extensions.forType(name));
    }

    private static ObjectNode withDescription(ObjectNode node, String description) {
        return description.isEmpty() ? node : node.put("description", description);
    }

    /** The {@code @JsonProperty} fields of a fabric8 class and its superclasses, in declaration order. */
    private static List<Field> jsonFields(Class<?> type) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                JsonProperty property = field.getAnnotation(JsonProperty.class);
                if (property != null && !Modifier.isStatic(field.getModifiers())) {
                    fields.putIfAbsent(property.value(), field);
                }
            }
        }
        return List.copyOf(fields.values());
    }
}
