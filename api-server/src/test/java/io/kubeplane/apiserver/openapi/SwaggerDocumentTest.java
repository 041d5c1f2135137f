package io.kubeplane.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.model.ApiResources;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Swagger 2.0 document of the served kinds: definitions as Kubernetes names and shapes them,
 * with the list and patch extensions kubectl builds strategic merge patches from. Descriptions come
 * from a hand-made {@link FakeModelDocs}, so these tests check the generator, not the client jar.
 */
class SwaggerDocumentTest {

    private static final String CORE = "io.k8s.api.core.v1.";
    private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    private static final ModelDocs DOCS = new FakeModelDocs()
            .type(CORE + "Service", "Service is a named abstraction of software service.")
            .type(CORE + "ServiceSpec", "ServiceSpec describes the attributes that a user creates on a service.")
            .field(CORE + "ServiceSpec", "sessionAffinity", "Supports \"ClientIP\" and \"None\".")
            .type("io.k8s.api.apps.v1.DeploymentStrategy", "DeploymentStrategy describes how to replace pods.")
            .required("io.k8s.api.apps.v1.DeploymentSpec", "selector")
            .required("io.k8s.api.apps.v1.DeploymentSpec", "template")
            .required(CORE + "ServicePort", "port")
            .time(META + "ObjectMeta", "creationTimestamp");

    private static final ObjectNode SWAGGER = SwaggerDocument.render(ApiResources.SERVED, DOCS);

    private static JsonNode definition(String name) {
        JsonNode definition = SWAGGER.get("definitions").get(name);
        assertThat(definition).as(name).isNotNull();
        return definition;
    }

    @Test
    void aServiceCarriesItsGroupVersionKind() {
        assertThat(definition(CORE + "Service").get("x-kubernetes-group-version-kind").toString())
                .isEqualTo("[{\"group\":\"\",\"kind\":\"Service\",\"version\":\"v1\"}]");
        assertThat(definition(CORE + "ServiceList").get("x-kubernetes-group-version-kind").toString())
                .isEqualTo("[{\"group\":\"\",\"kind\":\"ServiceList\",\"version\":\"v1\"}]");
        assertThat(definition("io.k8s.api.apps.v1.Deployment").at("/x-kubernetes-group-version-kind/0/group").asString())
                .isEqualTo("apps");
        assertThat(definition(CORE + "ServiceSpec").has("x-kubernetes-group-version-kind")).isFalse();
    }

    @Test
    void serviceSpecPortsAreAListMapMergedByPort() {
        JsonNode ports = definition(CORE + "ServiceSpec").at("/properties/ports");

        assertThat(ports.get("type").asString()).isEqualTo("array");
        assertThat(ports.at("/items/$ref").asString()).isEqualTo("#/definitions/" + CORE + "ServicePort");
        assertThat(ports.get("x-kubernetes-list-type").asString()).isEqualTo("map");
        assertThat(ports.get("x-kubernetes-list-map-keys").toString()).isEqualTo("[\"port\",\"protocol\"]");
        assertThat(ports.get("x-kubernetes-patch-merge-key").asString()).isEqualTo("port");
        assertThat(ports.get("x-kubernetes-patch-strategy").asString()).isEqualTo("merge");
    }

    static Stream<Arguments> extensions() {
        return Stream.of(
                Arguments.of(Named.of("pod containers by name", CORE + "PodSpec"), "containers",
                        "{\"x-kubernetes-list-type\":\"map\",\"x-kubernetes-list-map-keys\":[\"name\"],"
                        + "\"x-kubernetes-patch-merge-key\":\"name\",\"x-kubernetes-patch-strategy\":\"merge\"}"),
                Arguments.of(Named.of("volumes by name, retaining keys", CORE + "PodSpec"), "volumes",
                        "{\"x-kubernetes-list-type\":\"map\",\"x-kubernetes-list-map-keys\":[\"name\"],"
                        + "\"x-kubernetes-patch-merge-key\":\"name\",\"x-kubernetes-patch-strategy\":\"merge,retainKeys\"}"),
                Arguments.of(Named.of("container ports by port and protocol", CORE + "Container"), "ports",
                        "{\"x-kubernetes-list-type\":\"map\",\"x-kubernetes-list-map-keys\":[\"containerPort\",\"protocol\"],"
                        + "\"x-kubernetes-patch-merge-key\":\"containerPort\",\"x-kubernetes-patch-strategy\":\"merge\"}"),
                Arguments.of(Named.of("finalizers as a merged set", META + "ObjectMeta"), "finalizers",
                        "{\"x-kubernetes-list-type\":\"set\",\"x-kubernetes-patch-strategy\":\"merge\"}"),
                Arguments.of(Named.of("tolerations replaced whole", CORE + "PodSpec"), "tolerations",
                        "{\"x-kubernetes-list-type\":\"atomic\"}"),
                Arguments.of(Named.of("cluster IPs replaced whole", CORE + "ServiceSpec"), "clusterIPs",
                        "{\"x-kubernetes-list-type\":\"atomic\"}"),
                Arguments.of(Named.of("a service selector is an atomic map", CORE + "ServiceSpec"), "selector",
                        "{\"x-kubernetes-map-type\":\"atomic\"}"),
                Arguments.of(Named.of("deployment strategy retains keys", "io.k8s.api.apps.v1.DeploymentSpec"), "strategy",
                        "{\"x-kubernetes-patch-strategy\":\"retainKeys\"}"),
                Arguments.of(Named.of("endpoint slice endpoints replaced whole", "io.k8s.api.discovery.v1.EndpointSlice"),
                        "endpoints", "{\"x-kubernetes-list-type\":\"atomic\"}"),
                Arguments.of(Named.of("node conditions by type", CORE + "NodeStatus"), "conditions",
                        "{\"x-kubernetes-list-type\":\"map\",\"x-kubernetes-list-map-keys\":[\"type\"],"
                        + "\"x-kubernetes-patch-merge-key\":\"type\",\"x-kubernetes-patch-strategy\":\"merge\"}"),
                Arguments.of(Named.of("an untagged list has none", CORE + "ServiceStatus"), "loadBalancer", "{}"));
    }

    @ParameterizedTest
    @MethodSource("extensions")
    void listsCarryKubernetesListAndPatchExtensions(String type, String field, String expected) {
        JsonNode property = definition(type).get("properties").get(field);
        ObjectNode extensions = JsonNodeFactory.instance.objectNode();
        property.properties().stream().filter(e -> e.getKey().startsWith("x-"))
                .forEach(e -> extensions.set(e.getKey(), e.getValue()));
        assertThat(extensions.toString()).isEqualTo(expected);
    }

    @Test
    void structsKubernetesReplacesWholeAreAtomicMaps() {
        assertThat(definition(META + "LabelSelector").get("x-kubernetes-map-type").asString()).isEqualTo("atomic");
        assertThat(definition(META + "OwnerReference").get("x-kubernetes-map-type").asString()).isEqualTo("atomic");
    }

    @Test
    void intOrStringQuantityAndTimeAreStringsWithAFormat() {
        assertThat(definition(CORE + "ServicePort").at("/properties/targetPort/$ref").asString())
                .isEqualTo("#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString");
        assertThat(definition("io.k8s.apimachinery.pkg.util.intstr.IntOrString").get("type").asString()).isEqualTo("string");
        assertThat(definition("io.k8s.apimachinery.pkg.util.intstr.IntOrString").get("format").asString())
                .isEqualTo("int-or-string");
        assertThat(definition(CORE + "ResourceRequirements").at("/properties/limits/additionalProperties/$ref").asString())
                .isEqualTo("#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity");
        assertThat(definition("io.k8s.apimachinery.pkg.api.resource.Quantity").get("type").asString()).isEqualTo("string");
        assertThat(definition(META + "ObjectMeta").at("/properties/creationTimestamp/$ref").asString())
                .isEqualTo("#/definitions/" + META + "Time");
        assertThat(definition(META + "Time").get("format").asString()).isEqualTo("date-time");
        assertThat(definition(CORE + "Event").at("/properties/eventTime/$ref").asString())
                .isEqualTo("#/definitions/" + META + "MicroTime");
    }

    @Test
    void primitivesHaveTheirJsonTypeAndFormat() {
        JsonNode port = definition(CORE + "ServicePort").get("properties");
        assertThat(port.at("/port/type").asString()).isEqualTo("integer");
        assertThat(port.at("/port/format").asString()).isEqualTo("int32");
        assertThat(port.at("/name/type").asString()).isEqualTo("string");
        assertThat(definition(META + "ObjectMeta").at("/properties/generation/format").asString()).isEqualTo("int64");
        assertThat(definition(CORE + "ServiceSpec").at("/properties/publishNotReadyAddresses/type").asString())
                .isEqualTo("boolean");
        assertThat(definition(CORE + "ServiceSpec").at("/properties/selector/additionalProperties/type").asString())
                .isEqualTo("string");
    }

    @Test
    void requiredFieldsAndDescriptionsComeFromTheDocs() {
        assertThat(definition("io.k8s.api.apps.v1.DeploymentSpec").get("required").toString())
                .isEqualTo("[\"selector\",\"template\"]");
        assertThat(definition(CORE + "ServicePort").get("required").toString()).isEqualTo("[\"port\"]");
        assertThat(definition(CORE + "ServiceSpec").get("description").asString())
                .isEqualTo("ServiceSpec describes the attributes that a user creates on a service.");
        assertThat(definition(CORE + "ServiceSpec").at("/properties/sessionAffinity/description").asString())
                .isEqualTo("Supports \"ClientIP\" and \"None\".");
    }

    @Test
    void aFieldWithoutADescriptionOfItsOwnTakesItsTypes() {
        assertThat(definition("io.k8s.api.apps.v1.DeploymentSpec").at("/properties/strategy/description").asString())
                .isEqualTo("DeploymentStrategy describes how to replace pods.");
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = SWAGGER.findValues("$ref").stream().map(JsonNode::asString).distinct().toList();

        assertThat(refs).isNotEmpty().allSatisfy(ref ->
                assertThat(SWAGGER.get("definitions").has(ref.substring("#/definitions/".length()))).as(ref).isTrue());
    }

    @Test
    void pathsTagEachOperationWithItsKindAndAction() {
        JsonNode service = SWAGGER.at("/paths/~1api~1v1~1namespaces~1{namespace}~1services~1{name}");

        assertThat(service.at("/patch/x-kubernetes-action").asString()).isEqualTo("patch");
        assertThat(service.at("/patch/x-kubernetes-group-version-kind").toString())
                .isEqualTo("{\"group\":\"\",\"kind\":\"Service\",\"version\":\"v1\"}");
        assertThat(service.at("/patch/consumes").toString()).contains("application/strategic-merge-patch+json");
        assertThat(service.at("/patch/operationId").asString()).isEqualTo("patchCoreV1NamespacedService");
        assertThat(service.at("/get/responses/200/schema/$ref").asString()).isEqualTo("#/definitions/" + CORE + "Service");
        assertThat(SWAGGER.at("/paths/~1api~1v1~1services/get/operationId").asString())
                .isEqualTo("listCoreV1ServiceForAllNamespaces");
        assertThat(SWAGGER.at("/paths/~1api~1v1~1nodes/delete/operationId").asString())
                .isEqualTo("deleteCoreV1CollectionNode");
    }

    @Test
    void fieldValidationIsNotAdvertisedSoKubectlValidatesClientSide() {
        assertThat(SWAGGER.get("paths").toString()).doesNotContain("fieldValidation").contains("\"dryRun\"");
    }

    @Test
    void theScaleSubresourceIsAnAutoscalingScale() {
        JsonNode scale = SWAGGER.at("/paths/~1apis~1apps~1v1~1namespaces~1{namespace}~1deployments~1{name}~1scale");

        assertThat(scale.at("/put/x-kubernetes-group-version-kind").toString())
                .isEqualTo("{\"group\":\"autoscaling\",\"kind\":\"Scale\",\"version\":\"v1\"}");
        assertThat(definition("io.k8s.api.autoscaling.v1.Scale").at("/properties/spec/$ref").asString())
                .isEqualTo("#/definitions/io.k8s.api.autoscaling.v1.ScaleSpec");
    }

    @Test
    void theBindingSubresourceTakesAV1BindingByPost() {
        JsonNode binding = SWAGGER.at("/paths/~1api~1v1~1namespaces~1{namespace}~1pods~1{name}~1binding");

        assertThat(binding.propertyNames()).containsExactlyInAnyOrder("parameters", "post");
        assertThat(binding.at("/post/operationId").asString()).isEqualTo("createCoreV1NamespacedPodBinding");
        assertThat(binding.at("/post/x-kubernetes-action").asString()).isEqualTo("post");
        assertThat(binding.at("/post/x-kubernetes-group-version-kind").toString())
                .isEqualTo("{\"group\":\"\",\"kind\":\"Binding\",\"version\":\"v1\"}");
        assertThat(binding.at("/post/parameters/0/schema/$ref").asString()).isEqualTo("#/definitions/io.k8s.api.core.v1.Binding");
        assertThat(definition("io.k8s.api.core.v1.Binding").at("/properties/target/$ref").asString())
                .isEqualTo("#/definitions/io.k8s.api.core.v1.ObjectReference");
    }

    @Test
    void deletesTakeAGracePeriod() {
        JsonNode delete = SWAGGER.at("/paths/~1api~1v1~1namespaces~1{namespace}~1pods~1{name}/delete");

        assertThat(delete.at("/parameters").findValuesAsString("name"))
                .contains("body", "gracePeriodSeconds", "orphanDependents", "propagationPolicy");
    }
}
