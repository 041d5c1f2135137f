package io.kubeplane.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Swagger UI and the OpenAPI document it reads: every served resource's paths, with schemas. */
class SwaggerIT {

    private final ApiClient anonymous = SharedApiServer.get().client().withToken(null);

    @Test
    void theOpenApiDocumentListsEachResourcesPathsWithSchemasAndBearerAuth() {
        JsonNode document = anonymous.get("/v3/api-docs").json();

        assertThat(document.at("/paths").has("/api/v1/namespaces/{namespace}/services")).isTrue();
        assertThat(document.at("/paths").has("/api/v1/namespaces/{namespace}/services/{name}/status")).isTrue();
        assertThat(document.at("/paths").has("/api/v1/nodes/{name}")).isTrue();
        assertThat(document.at("/paths").has("/apis/apps/v1/namespaces/{namespace}/deployments")).isTrue();
        assertThat(document.at("/paths").has("/api/**")).as("the generic handler is hidden").isFalse();
        assertThat(document.at("/components/schemas/Service/properties/spec").isMissingNode()).isFalse();
        assertThat(document.at("/components/securitySchemes/BearerToken/scheme").asString()).isEqualTo("bearer");
    }

    @Test
    void swaggerUiIsServed() {
        ApiClient.Response page = anonymous.get("/swagger-ui/index.html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
    }
}
