package io.kubeplane.apiserver.http;

import io.kubeplane.model.ApiResource;
import io.kubeplane.model.ApiResources;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document behind Swagger UI: one path per served resource and verb, as the Kubernetes
 * API lays them out, with the fabric8 model's schemas and bearer-token authentication, so a user can
 * try every call from the browser with the token from the kubeconfig. The generic handler itself
 * is hidden from the scan.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiDocument {

    private static final String BEARER = "BearerToken";
    private static final String STATUS_REF = "#/components/schemas/Status";

    @Bean
    OpenApiCustomizer kubernetesResources(ApiResources resources) {
        return openApi -> {
            openApi.info(new Info().title("kubeplane API").version("v1")
                    .description("The Kubernetes API of kubeplane's Service networking: paths, verbs and bodies as on a "
                                 + "Kubernetes cluster. Authorize with the bearer token from the kubeconfig."));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.components(components.addSecuritySchemes(BEARER,
                    new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")));
            openApi.addSecurityItem(new SecurityRequirement().addList(BEARER));
            addSchemas(openApi, io.fabric8.kubernetes.api.model.Status.class);
            for (ApiResource resource : resources.all()) {
                addSchemas(openApi, resource.type());
                addPaths(openApi, resource);
            }
        };
    }

    private static void addSchemas(OpenAPI openApi, Class<?> type) {
        Map<String, Schema> schemas = ModelConverters.getInstance().readAll(type);
        schemas.forEach(openApi.getComponents()::addSchemas);
    }

    private static void addPaths(OpenAPI openApi, ApiResource resource) {
        String prefix = resource.group().isEmpty() ? "/api/" + resource.version() : "/apis/" + resource.apiVersion();
        String tag = resource.apiVersion() + " " + resource.kind();
        String ref = "#/components/schemas/" + resource.type().getSimpleName();
        String collection = resource.namespaced()
                ? prefix + "/namespaces/{namespace}/" + resource.plural()
                : prefix + "/" + resource.plural();
        String object = collection + "/{name}";
        List<Parameter> scope = resource.namespaced() ? List.of(pathParameter("namespace")) : List.of();

        PathItem items = new PathItem()
                .get(operation(tag, "list or watch " + resource.plural(), scope, listParameters())
                        .responses(responses("200", "a " + resource.listKind(), new ObjectSchema())))
                .post(operation(tag, "create a " + resource.kind(), scope, List.of())
                        .requestBody(body(ref)).responses(responses("201", "created", ref)))
                .delete(operation(tag, "delete the " + resource.plural() + " a selector matches", scope, selectorParameters())
                        .responses(responses("200", "the deleted objects", new ObjectSchema())));
        openApi.path(collection, items);
        if (resource.namespaced()) {
            openApi.path(prefix + "/" + resource.plural(), new PathItem().get(operation(tag,
                    "list or watch " + resource.plural() + " in all namespaces", List.of(), listParameters())
                    .responses(responses("200", "a " + resource.listKind(), new ObjectSchema()))));
        }
        List<Parameter> named = new java.util.ArrayList<>(scope);
        named.add(pathParameter("name"));
        openApi.path(object, objectPath(tag, resource.kind(), ref, named, true));
        if (resource.hasStatus()) {
            openApi.path(object + "/status", objectPath(tag, resource.kind() + " status", ref, named, false));
        }
    }

    private static PathItem objectPath(String tag, String what, String ref, List<Parameter> parameters, boolean deletable) {
        PathItem item = new PathItem()
                .get(operation(tag, "read the " + what, parameters, List.of()).responses(responses("200", "the object", ref)))
                .put(operation(tag, "replace the " + what, parameters, List.of()).requestBody(body(ref))
                        .responses(responses("200", "the object as stored", ref)))
                .patch(operation(tag, "patch the " + what, parameters, List.of()).requestBody(patchBody())
                        .responses(responses("200", "the object as stored", ref)));
        if (deletable) {
            item.delete(operation(tag, "delete the " + what, parameters, List.of())
                    .responses(responses("200", "the object as deleted", ref)));
        }
        return item;
    }

    private static Operation operation(String tag, String summary, List<Parameter> path, List<Parameter> query) {
        Operation operation = new Operation().addTagsItem(tag).summary(summary);
        path.forEach(operation::addParametersItem);
        query.forEach(operation::addParametersItem);
        return operation;
    }

    private static List<Parameter> listParameters() {
        return List.of(query("labelSelector", new StringSchema(), "e.g. app=web,tier in (front,back)"),
                query("fieldSelector", new StringSchema(), "e.g. metadata.name=web"),
                query("limit", new IntegerSchema(), "page size"),
                query("continue", new StringSchema(), "token from the previous page"),
                query("watch", new StringSchema(), "true to stream watch events"),
                query("resourceVersion", new StringSchema(), "watch changes after this version"),
                query("timeoutSeconds", new IntegerSchema(), "end the watch after this long"),
                query("allowWatchBookmarks", new StringSchema(), "true to receive BOOKMARK events"));
    }

    private static List<Parameter> selectorParameters() {
        return List.of(query("labelSelector", new StringSchema(), "which objects to delete"),
                query("fieldSelector", new StringSchema(), "which objects to delete"));
    }

    private static Parameter pathParameter(String name) {
        return new Parameter().in("path").name(name).required(true).schema(new StringSchema());
    }

    private static Parameter query(String name, Schema<?> schema, String description) {
        return new Parameter().in("query").name(name).required(false).schema(schema).description(description);
    }

    private static RequestBody body(String ref) {
        return new RequestBody().required(true).content(new Content()
                .addMediaType("application/json", new MediaType().schema(new Schema<>().$ref(ref)))
                .addMediaType("application/yaml", new MediaType().schema(new Schema<>().$ref(ref))));
    }

    private static RequestBody patchBody() {
        Content content = new Content();
        for (String type : List.of("application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml",
                "application/json-patch+json")) {
            content.addMediaType(type, new MediaType().schema(new ObjectSchema()));
        }
        return new RequestBody().required(true).content(content);
    }

    private static ApiResponses responses(String code, String description, String ref) {
        return responses(code, description, new Schema<>().$ref(ref));
    }

    private static ApiResponses responses(String code, String description, Schema<?> schema) {
        Content status = new Content().addMediaType("application/json", new MediaType().schema(new Schema<>().$ref(STATUS_REF)));
        return new ApiResponses()
                .addApiResponse(code, new ApiResponse().description(description)
                        .content(new Content().addMediaType("application/json", new MediaType().schema(schema))))
                .addApiResponse("401", new ApiResponse().description("no valid bearer token").content(status))
                .addApiResponse("404", new ApiResponse().description("NotFound").content(status))
                .addApiResponse("409", new ApiResponse().description("AlreadyExists or Conflict").content(status))
                .addApiResponse("422", new ApiResponse().description("Invalid, with a cause per bad field").content(status));
    }
}
