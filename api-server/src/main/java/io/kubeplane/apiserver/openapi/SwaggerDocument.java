package io.kubeplane.apiserver.openapi;

import io.kubeplane.apiserver.http.DiscoveryController;
import io.kubeplane.model.ApiResource;
import io.kubeplane.model.ApiResources;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders the whole Swagger 2.0 document kube-apiserver serves at {@code /openapi/v2}, for the kinds
 * kubeplane serves:
 * <pre>
 *   {"swagger": "2.0", "info": {"title": "Kubernetes", "version": "v1.32.0"},
 *    "paths": {...ResourcePaths...},
 *    "definitions": {...SwaggerDefinitions: each kind, its list kind, everything they reach,
 *                    Status, DeleteOptions, Patch, autoscaling/v1 Scale...},
 *    "securityDefinitions": {"BearerToken": {...}}, "security": [{"BearerToken": []}]}
 * </pre>
 * The OpenAPI v3 documents are derived from this one ({@link OpenApiV3}).
 *
 * <p>Stateless and thread-safe; {@link #render} is called once at startup.
 */
final class SwaggerDocument {

    /** The Kubernetes version whose API the documents describe. */
    static final String VERSION = "v" + DiscoveryController.KUBERNETES_MAJOR + "." + DiscoveryController.KUBERNETES_MINOR
                                  + ".0";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SwaggerDocument() {
    }

    /**
     * @param resources the served kinds
     * @param docs where descriptions come from
     * @return the document
     */
    static ObjectNode render(ApiResources resources, ModelDocs docs) {
        SwaggerDefinitions definitions = new SwaggerDefinitions(docs, SchemaExtensions.KUBERNETES);
        Map<String, ObjectNode> paths = new TreeMap<>();
        for (ApiResource resource : resources.all()) {
            String kind = definitions.add(resource.type());
            String list = definitions.add(listType(resource));
            definitions.addGroupVersionKind(kind, resource.group(), resource.version(), resource.kind());
            definitions.addGroupVersionKind(list, resource.group(), resource.version(), resource.listKind());
            paths.putAll(ResourcePaths.render(resource, kind, list));
            if (resource.subresources().contains("scale")) {
                addScale(definitions);
            }
            if (resource.subresources().contains("binding")) {
                String binding = definitions.add(io.fabric8.kubernetes.api.model.Binding.class);
                definitions.addGroupVersionKind(binding, "", "v1", "Binding");
            }
        }
        String status = definitions.add(io.fabric8.kubernetes.api.model.Status.class);
        definitions.addGroupVersionKind(status, "", "v1", "Status");
        String deleteOptions = definitions.add(io.fabric8.kubernetes.api.model.DeleteOptions.class);
        resources.all().stream().map(r -> r.group() + "/" + r.version()).distinct().sorted().forEach(gv ->
                definitions.addGroupVersionKind(deleteOptions, gv.substring(0, gv.indexOf('/')),
                        gv.substring(gv.indexOf('/') + 1), "DeleteOptions"));
        definitions.opaqueObject(ResourcePaths.PATCH);

        ObjectNode document = NODES.objectNode().put("swagger", "2.0");
        document.putObject("info").put("title", "Kubernetes").put("version", VERSION);
        ObjectNode renderedPaths = document.putObject("paths");
        paths.forEach(renderedPaths::set);
        ObjectNode renderedDefinitions = document.putObject("definitions");
        definitions.definitions().forEach(renderedDefinitions::set);
        document.putObject("securityDefinitions").putObject("BearerToken")
                .put("description", "Bearer Token authentication").put("in", "header").put("name", "authorization")
                .put("type", "apiKey");
        document.putArray("security").addObject().putArray("BearerToken");
        return document;
    }

    private static Class<?> listType(ApiResource resource) {
        try {
            return Class.forName(resource.type().getName() + "List", false, resource.type().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no list class for " + resource.type().getName(), e);
        }
    }

    /** {@code autoscaling/v1 Scale}, which fabric8's core model does not carry. */
    private static void addScale(SwaggerDefinitions definitions) {
        if (definitions.definitions().containsKey(ResourcePaths.SCALE)) {
            return;
        }
        ObjectNode int32 = NODES.objectNode().put("type", "integer").put("format", "int32");
        ObjectNode string = NODES.objectNode().put("type", "string");
        definitions.addObject(ResourcePaths.SCALE + "Spec", Map.of("replicas", int32));
        definitions.addObject(ResourcePaths.SCALE + "Status", Map.of("replicas", int32, "selector", string));
        definitions.addObject(ResourcePaths.SCALE, Map.of(
                "apiVersion", string,
                "kind", string,
                "metadata", SwaggerDefinitions.ref(definitions.add(io.fabric8.kubernetes.api.model.ObjectMeta.class)),
                "spec", SwaggerDefinitions.ref(ResourcePaths.SCALE + "Spec"),
                "status", SwaggerDefinitions.ref(ResourcePaths.SCALE + "Status")));
        definitions.addGroupVersionKind(ResourcePaths.SCALE, "autoscaling", "v1", "Scale");
    }
}
