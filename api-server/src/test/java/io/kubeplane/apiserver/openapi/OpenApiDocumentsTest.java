package io.kubeplane.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.model.ApiResources;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The served forms: the v3 index with a hash per group version, the v3 documents derived from the
 * v2 one, and the protobuf encoding of v2.
 */
class OpenApiDocumentsTest {

    private static final String CORE = "io.k8s.api.core.v1.";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final OpenApiDocuments DOCUMENTS = OpenApiDocuments.render(ApiResources.SERVED, new FakeModelDocs()
            .type("io.k8s.api.apps.v1.DeploymentStrategy", "DeploymentStrategy describes how to replace pods.")
            .field("io.k8s.api.apps.v1.DeploymentSpec", "template", "Template describes the pods that will be created."));

    private static JsonNode v3(String groupVersion) {
        return JSON.readTree(DOCUMENTS.v3(groupVersion).orElseThrow().bytes());
    }

    @Test
    void theIndexListsEachGroupVersionWithItsDocumentsHash() throws Exception {
        JsonNode paths = JSON.readTree(DOCUMENTS.v3Index().bytes()).get("paths");

        assertThat(paths.propertyNames()).containsExactly("api/v1", "apis/apps/v1", "apis/coordination.k8s.io/v1",
                "apis/discovery.k8s.io/v1");
        byte[] core = DOCUMENTS.v3("api/v1").orElseThrow().bytes();
        String sha512 = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(core));
        assertThat(paths.at("/api~1v1/serverRelativeURL").asString()).isEqualTo("/openapi/v3/api/v1?hash=" + sha512);
        assertThat(DOCUMENTS.v3("api/v1").orElseThrow().etag()).isEqualTo(sha512);
        assertThat(DOCUMENTS.v3("apis/batch/v1")).isEmpty();
    }

    @Test
    void aGroupVersionDocumentHoldsItsPathsAndTheSchemasTheyReach() {
        JsonNode apps = v3("apis/apps/v1");

        assertThat(apps.get("openapi").asString()).isEqualTo("3.0.0");
        assertThat(apps.get("paths").propertyNames()).allMatch(path -> path.startsWith("/apis/apps/v1/"));
        assertThat(apps.at("/components/schemas").has("io.k8s.api.apps.v1.Deployment")).isTrue();
        assertThat(apps.at("/components/schemas").has(CORE + "PodSpec")).isTrue();
        assertThat(apps.at("/components/schemas").has(CORE + "Service")).isFalse();
        assertThat(apps.toString()).doesNotContain("#/definitions/");
    }

    @Test
    void operationsTakeTheirBodyAsARequestBodyAndKeepTheirKind() {
        JsonNode patch = v3("api/v1").at("/paths/~1api~1v1~1namespaces~1{namespace}~1services~1{name}/patch");

        assertThat(patch.at("/requestBody/content").propertyNames()).contains("application/strategic-merge-patch+json");
        assertThat(patch.at("/requestBody/content/application~1merge-patch+json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch");
        assertThat(patch.at("/responses/200/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/" + CORE + "Service");
        assertThat(patch.at("/x-kubernetes-group-version-kind/kind").asString()).isEqualTo("Service");
        assertThat(patch.at("/parameters/0/schema/type").asString()).isEqualTo("string");
    }

    @Test
    void aFieldsOwnDescriptionWrapsItsReferenceInAllOf() {
        JsonNode spec = v3("apis/apps/v1").at("/components/schemas/io.k8s.api.apps.v1.DeploymentSpec/properties");

        assertThat(spec.at("/template/allOf/0/$ref").asString())
                .isEqualTo("#/components/schemas/" + CORE + "PodTemplateSpec");
        assertThat(spec.at("/template/description").asString()).isEqualTo("Template describes the pods that will be created.");
        // Described only by its type: a bare reference, so kubectl explain prints the text once.
        assertThat(spec.at("/strategy/$ref").asString()).isEqualTo("#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy");
        assertThat(spec.at("/strategy/x-kubernetes-patch-strategy").asString()).isEqualTo("retainKeys");
    }

    @Test
    void intOrStringIsAChoiceOfIntegerOrStringInV3() {
        JsonNode intOrString = v3("api/v1").at("/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString");

        assertThat(intOrString.has("type")).isFalse();
        assertThat(intOrString.get("format").asString()).isEqualTo("int-or-string");
        assertThat(intOrString.get("oneOf").toString()).isEqualTo("[{\"type\":\"integer\"},{\"type\":\"string\"}]");
    }

    @Test
    void theV2ProtobufStartsWithTheSwaggerVersionAndInfo() {
        byte[] bytes = DOCUMENTS.v2Protobuf().bytes();

        // field 1 (swagger), length 3, "2.0"; then field 2 (info), a message
        assertThat(HexFormat.of().formatHex(bytes, 0, 6)).isEqualTo("0a03322e3012");
        assertThat(DOCUMENTS.v2Protobuf().etag()).isNotEqualTo(DOCUMENTS.v2Json().etag());
    }
}
