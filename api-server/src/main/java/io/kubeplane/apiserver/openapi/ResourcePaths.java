package io.kubeplane.apiserver.openapi;

import static io.kubeplane.apiserver.openapi.SwaggerDefinitions.ref;

import io.kubeplane.model.ApiResource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders the Swagger 2.0 {@code paths} of one served resource as kube-apiserver lays them out, each
 * operation tagged with {@code x-kubernetes-action} and {@code x-kubernetes-group-version-kind}
 * (which is how {@code kubectl explain} finds a resource's kind, and how kubectl decides whether a
 * kind takes strategic merge patch or a query parameter such as {@code dryRun}):
 * <pre>
 *   /api/v1/namespaces/{namespace}/services              get (list), post, delete (deletecollection)
 *   /api/v1/namespaces/{namespace}/services/{name}       get, put, patch, delete
 *   /api/v1/namespaces/{namespace}/services/{name}/status  get, put, patch
 *   /api/v1/services                                     get (list in all namespaces)
 *   /apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale  get, put, patch (autoscaling/v1 Scale)
 *   /api/v1/namespaces/{namespace}/pods/{name}/binding    post (v1 Binding)
 * </pre>
 * Only the parameters kubeplane honours are listed. {@code fieldValidation} is not, so kubectl
 * validates a manifest against the schema itself before sending it, as it does with a server that
 * lacks server-side field validation.
 *
 * <p>Stateless and thread-safe.
 */
final class ResourcePaths {

    static final String SCALE = "io.k8s.api.autoscaling.v1.Scale";
    static final String BINDING = DefinitionNames.CORE + "Binding";
    static final String DELETE_OPTIONS = DefinitionNames.META + "DeleteOptions";
    static final String STATUS = DefinitionNames.META + "Status";
    static final String PATCH = DefinitionNames.META + "Patch";

    /** The patch types kubeplane applies (server-side apply is not among them yet). */
    static final List<String> PATCH_TYPES = List.of("application/json-patch+json", "application/merge-patch+json",
            "application/strategic-merge-patch+json");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ResourcePaths() {
    }

    /**
     * @param resource a served resource
     * @param definition its kind's definition name, e.g. {@code io.k8s.api.core.v1.Service}
     * @param listDefinition its list kind's definition name
     * @return its paths, each a Swagger path item
     */
    static Map<String, ObjectNode> render(ApiResource resource, String definition, String listDefinition) {
        Operations ops = new Operations(resource);
        String prefix = resource.group().isEmpty() ? "/api/" + resource.version() : "/apis/" + resource.apiVersion();
        String collection = prefix + (resource.namespaced() ? "/namespaces/{namespace}/" : "/") + resource.plural();
        String object = collection + "/{name}";
        Map<String, ObjectNode> paths = new TreeMap<>();

        ObjectNode items = pathItem(resource.namespaced() ? List.of(namespaceParameter()) : List.of());
        items.set("get", ops.list("list or watch objects of kind " + resource.kind(), listDefinition, ""));
        items.set("post", ops.write("create", "post", "create " + article(resource.kind()), definition, "",
                List.of("200", "201", "202")));
        items.set("delete", ops.deleteCollection());
        paths.put(collection, items);

        ObjectNode named = pathItem(objectParameters(resource));
        named.set("get", ops.read("read the specified " + resource.kind(), definition, ""));
        named.set("put", ops.write("replace", "put", "replace the specified " + resource.kind(), definition, "",
                List.of("200", "201")));
        named.set("patch", ops.patch("partially update the specified " + resource.kind(), definition, ""));
        named.set("delete", ops.delete());
        paths.put(object, named);

        if (resource.hasStatus()) {
            ObjectNode status = pathItem(objectParameters(resource));
            status.set("get", ops.read("read status of the specified " + resource.kind(), definition, "Status"));
            status.set("put", ops.write("replace", "put", "replace status of the specified " + resource.kind(),
                    definition, "Status", List.of("200", "201")));
            status.set("patch", ops.patch("partially update status of the specified " + resource.kind(), definition,
                    "Status"));
            paths.put(object + "/status", status);
        }
        if (resource.subresources().contains("scale")) {
            Operations scale = new Operations(resource, "autoscaling", "v1", "Scale");
            ObjectNode item = pathItem(objectParameters(resource));
            item.set("get", scale.read("read scale of the specified " + resource.kind(), SCALE, "Scale"));
            item.set("put", scale.write("replace", "put", "replace scale of the specified " + resource.kind(), SCALE,
                    "Scale", List.of("200", "201")));
            item.set("patch", scale.patch("partially update scale of the specified " + resource.kind(), SCALE, "Scale"));
            paths.put(object + "/scale", item);
        }
        if (resource.subresources().contains("binding")) {
            Operations binding = new Operations(resource, "", "v1", "Binding");
            ObjectNode item = pathItem(objectParameters(resource));
            item.set("post", binding.write("create", "post", "create binding of " + article(resource.kind()), BINDING,
                    "Binding", List.of("200", "201", "202")));
            paths.put(object + "/binding", item);
        }
        if (resource.namespaced()) {
            ObjectNode all = pathItem(List.of());
            all.set("get", ops.list("list or watch objects of kind " + resource.kind(), listDefinition, "ForAllNamespaces"));
            paths.put(prefix + "/" + resource.plural(), all);
        }
        return paths;
    }

    /** Builds the operations of one resource; the names follow kube-apiserver's operation ids. */
    private static final class Operations {

        private final ApiResource resource;
        private final String tag;
        private final String groupVersionId;
        private final String idInfix;
        private final ObjectNode gvk;

        Operations(ApiResource resource) {
            this(resource, resource.group(), resource.version(), resource.kind());
        }

        Operations(ApiResource resource, String group, String version, String kind) {
            this.resource = resource;
            String groupName = resource.group().isEmpty() ? "core" : resource.group().split("\\.")[0];
            this.tag = groupName + "_" + resource.version();
            this.groupVersionId = capitalize(groupName) + capitalize(resource.version());
            this.idInfix = groupVersionId + (resource.namespaced() ? "Namespaced" : "") + resource.kind();
            this.gvk = NODES.objectNode().put("group", group).put("kind", kind).put("version", version);
        }

        ObjectNode list(String description, String listDefinition, String suffix) {
            String id = suffix.isEmpty() ? "list" + idInfix : "list" + groupVersionId + resource.kind() + suffix;
            ObjectNode op = operation(description, id, "list", List.of("application/json", "application/json;stream=watch"));
            ArrayNode parameters = op.putArray("parameters");
            listParameters().forEach(parameters::add);
            responses(op, listDefinition, "200");
            return op;
        }

        ObjectNode read(String description, String definition, String subresource) {
            ObjectNode op = operation(description, "read" + idInfix + subresource, "get", List.of("application/json"));
            responses(op, definition, "200");
            return op;
        }

        ObjectNode write(String verb, String action, String description, String definition, String subresource,
                List<String> codes) {
            ObjectNode op = operation(description, verb + idInfix + subresource, action, List.of("application/json"));
            op.putArray("consumes").add("*/*");
            ArrayNode parameters = op.putArray("parameters");
            parameters.add(body(definition, true));
            parameters.add(dryRun());
            parameters.add(fieldManager());
            responses(op, definition, codes.toArray(String[]::new));
            return op;
        }

        ObjectNode patch(String description, String definition, String subresource) {
            ObjectNode op = operation(description, "patch" + idInfix + subresource, "patch", List.of("application/json"));
            ArrayNode consumes = op.putArray("consumes");
            PATCH_TYPES.forEach(consumes::add);
            ArrayNode parameters = op.putArray("parameters");
            parameters.add(body(PATCH, true));
            parameters.add(dryRun());
            parameters.add(fieldManager());
            responses(op, definition, "200", "201");
            return op;
        }

        ObjectNode delete() {
            ObjectNode op = operation("delete " + article(resource.kind()), "delete" + idInfix, "delete",
                    List.of("application/json"));
            op.putArray("consumes").add("*/*");
            ArrayNode parameters = op.putArray("parameters");
            parameters.add(body(DELETE_OPTIONS, false));
            parameters.add(dryRun());
            deleteParameters().forEach(parameters::add);
            responses(op, DefinitionNames.of(resource.type()), "200", "202");
            return op;
        }

        ObjectNode deleteCollection() {
            String id = "delete" + groupVersionId + "Collection" + idInfix.substring(groupVersionId.length());
            ObjectNode op = operation("delete collection of " + resource.kind(), id, "deletecollection",
                    List.of("application/json"));
            op.putArray("consumes").add("*/*");
            ArrayNode parameters = op.putArray("parameters");
            parameters.add(body(DELETE_OPTIONS, false));
            parameters.add(dryRun());
            deleteParameters().forEach(parameters::add);
            parameters.add(query("fieldSelector", "string", "A selector to restrict the list of returned objects by "
                    + "their fields. Defaults to everything."));
            parameters.add(query("labelSelector", "string", "A selector to restrict the list of returned objects by "
                    + "their labels. Defaults to everything."));
            responses(op, STATUS, "200");
            return op;
        }

        private ObjectNode operation(String description, String id, String action, List<String> produces) {
            ObjectNode op = NODES.objectNode();
            op.put("description", description).put("operationId", id);
            ArrayNode produced = op.putArray("produces");
            produces.forEach(produced::add);
            op.putArray("schemes").add("https");
            op.putArray("tags").add(tag);
            op.put("x-kubernetes-action", action);
            op.set("x-kubernetes-group-version-kind", gvk.deepCopy());
            return op;
        }
    }

    private static void responses(ObjectNode op, String definition, String... codes) {
        ObjectNode responses = op.putObject("responses");
        for (String code : codes) {
            ObjectNode response = responses.putObject(code).put("description", switch (code) {
                case "201" -> "Created";
                case "202" -> "Accepted";
                default -> "OK";
            });
            response.set("schema", ref(definition));
        }
        responses.putObject("401").put("description", "Unauthorized");
    }

    private static ObjectNode pathItem(List<ObjectNode> parameters) {
        ObjectNode item = NODES.objectNode();
        if (!parameters.isEmpty()) {
            ArrayNode list = item.putArray("parameters");
            parameters.forEach(list::add);
        }
        return item;
    }

    private static List<ObjectNode> objectParameters(ApiResource resource) {
        ObjectNode name = NODES.objectNode().put("description", "name of the " + resource.kind()).put("in", "path")
                .put("name", "name").put("required", true).put("type", "string").put("uniqueItems", true);
        return resource.namespaced() ? List.of(name, namespaceParameter()) : List.of(name);
    }

    private static ObjectNode namespaceParameter() {
        return NODES.objectNode().put("description", "object name and auth scope, such as for teams and projects")
                .put("in", "path").put("name", "namespace").put("required", true).put("type", "string")
                .put("uniqueItems", true);
    }

    private static ObjectNode body(String definition, boolean required) {
        ObjectNode body = NODES.objectNode().put("in", "body").put("name", "body");
        if (required) {
            body.put("required", true);
        }
        body.set("schema", ref(definition));
        return body;
    }

    private static ObjectNode dryRun() {
        return query("dryRun", "string", "When present, indicates that modifications should not be persisted. "
                + "Valid values are: - All: all dry run stages will be processed");
    }

    private static ObjectNode fieldManager() {
        return query("fieldManager", "string", "fieldManager is a name associated with the actor or entity that is "
                + "making these changes.");
    }

    private static List<ObjectNode> deleteParameters() {
        return List.of(
                query("gracePeriodSeconds", "integer", "The duration in seconds before the object should be deleted. "
                        + "Value must be non-negative integer. The value zero indicates delete immediately. If this value "
                        + "is nil, the default grace period for the specified type will be used."),
                query("orphanDependents", "boolean", "Deprecated: use the PropagationPolicy. Should the dependent "
                        + "objects be orphaned."),
                query("propagationPolicy", "string", "Whether and how garbage collection will be performed: "
                        + "'Orphan', 'Background' (the default) or 'Foreground'."));
    }

    private static List<ObjectNode> listParameters() {
        return List.of(
                query("allowWatchBookmarks", "boolean", "allowWatchBookmarks requests watch events with type "
                        + "\"BOOKMARK\". If this is not a watch, this field is ignored."),
                query("continue", "string", "The continue option should be set when retrieving more results from the "
                        + "server, with the value of metadata.continue of the previous page."),
                query("fieldSelector", "string", "A selector to restrict the list of returned objects by their fields. "
                        + "Defaults to everything."),
                query("labelSelector", "string", "A selector to restrict the list of returned objects by their labels. "
                        + "Defaults to everything."),
                query("limit", "integer", "limit is a maximum number of responses to return for a list call."),
                query("resourceVersion", "string", "For a watch, the version after which changes are sent."),
                query("timeoutSeconds", "integer", "Timeout for the list/watch call, regardless of any activity or "
                        + "inactivity."),
                query("watch", "boolean", "Watch for changes to the described resources and return them as a stream "
                        + "of add, update, and remove notifications."));
    }

    private static ObjectNode query(String name, String type, String description) {
        return NODES.objectNode().put("description", description).put("in", "query").put("name", name)
                .put("type", type).put("uniqueItems", true);
    }

    private static String article(String kind) {
        return "AEIOU".indexOf(kind.charAt(0)) >= 0 ? "an " + kind : "a " + kind;
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
