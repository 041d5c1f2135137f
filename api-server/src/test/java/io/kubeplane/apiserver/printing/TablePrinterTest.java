package io.kubeplane.apiserver.printing;

import static io.kubeplane.apiserver.printing.PrintingFixtures.NOW;
import static io.kubeplane.apiserver.printing.PrintingFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.model.ApiResources;
import io.kubeplane.model.KubernetesJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whole Tables as kube-apiserver sends them to kubectl: the golden list of services, one object,
 * watch events and the three {@code includeObject} policies.
 *
 * <p>ClusterIPs 10.96.0.0/12; the request is at 12:00. On a golden mismatch the actual Table is
 * written to {@code target/printing-actual/} for review.
 */
class TablePrinterTest {

    private final TablePrinter printer = new TablePrinter();

    @Test
    void rendersAListOfServicesAsKubeApiserverDoes() throws IOException {
        ObjectNode table = printer.render(ApiResources.SERVICES, services(), IncludeObject.METADATA, NOW, "2100", null);
        assertMatchesGolden(table, "services-table.json");
    }

    @Test
    void carriesTheContinueTokenOfAPage() {
        ObjectNode table = printer.render(ApiResources.SERVICES, services().subList(0, 2), IncludeObject.METADATA, NOW,
                "2100", "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MjEwMCwic3RhcnQiOiJ3ZWJcdTAwMDAifQ");
        assertThat(table.path("metadata").path("continue").asString())
                .isEqualTo("eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MjEwMCwic3RhcnQiOiJ3ZWJcdTAwMDAifQ");
        assertThat(table.path("rows").size()).isEqualTo(2);
    }

    @Test
    void rendersAnEmptyListWithColumnsAndNoRows() {
        ObjectNode table = printer.render(ApiResources.PODS, List.of(), IncludeObject.METADATA, NOW, "7", null);
        assertThat(KubernetesJson.write(table.path("rows"))).isEqualTo("[]");
        assertThat(table.path("columnDefinitions").size()).isEqualTo(PodPrinter.COLUMNS.size());
        assertThat(KubernetesJson.write(table.path("metadata"))).isEqualTo("{\"resourceVersion\":\"7\"}");
    }

    @Test
    void leavesAnEmptyResourceVersionOut() {
        ObjectNode table = printer.render(ApiResources.PODS, List.of(), IncludeObject.METADATA, NOW, "", null);
        assertThat(KubernetesJson.write(table.path("metadata"))).isEqualTo("{}");
    }

    @Test
    void includeObjectNoneSendsANullObject() {
        ObjectNode table = printer.render(ApiResources.SERVICES, services(), IncludeObject.NONE, NOW, "2100", null);
        for (JsonNode row : table.path("rows")) {
            assertThat(row.has("object")).isTrue();
            assertThat(row.path("object").isNull()).isTrue();
        }
    }

    @Test
    void includeObjectObjectSendsTheWholeObject() {
        List<JsonNode> services = services();
        ObjectNode table = printer.render(ApiResources.SERVICES, services, IncludeObject.OBJECT, NOW, "2100", null);
        for (int i = 0; i < services.size(); i++) {
            assertThat(table.path("rows").path(i).path("object")).isEqualTo(services.get(i));
        }
    }

    @Test
    void includeObjectObjectSetsAMissingKindAndApiVersion() {
        JsonNode namespace = yaml("""
                metadata: {name: default, creationTimestamp: "2025-03-01T11:55:00Z", resourceVersion: "12"}
                status: {phase: Active}
                """);
        JsonNode object = printer.renderObject(ApiResources.NAMESPACES, namespace, IncludeObject.OBJECT, NOW)
                .path("rows").path(0).path("object");
        assertThat(KubernetesJson.write(object)).isEqualTo("{\"kind\":\"Namespace\",\"apiVersion\":\"v1\","
                + "\"metadata\":{\"name\":\"default\",\"creationTimestamp\":\"2025-03-01T11:55:00Z\",\"resourceVersion\":\"12\"},"
                + "\"status\":{\"phase\":\"Active\"}}");
    }

    @Test
    void rendersOneObjectAsAOneRowTableWithItsResourceVersion() {
        JsonNode web = services().get(1);
        ObjectNode table = printer.renderObject(ApiResources.SERVICES, web, IncludeObject.METADATA, NOW);
        assertThat(table.path("kind").asString()).isEqualTo("Table");
        assertThat(KubernetesJson.write(table.path("metadata"))).isEqualTo("{\"resourceVersion\":\"2040\"}");
        assertThat(table.path("columnDefinitions").size()).isEqualTo(ServicePrinter.COLUMNS.size());
        assertThat(table.path("rows").size()).isEqualTo(1);
        assertThat(KubernetesJson.write(table.path("rows").path(0).path("cells")))
                .isEqualTo("[\"web\",\"NodePort\",\"10.96.12.7\",\"<none>\",\"80:30080/TCP,443:30443/TCP\",\"5m\",\"app=web\"]");
    }

    @Test
    void firstWatchEventCarriesTheColumnsAndLaterOnesNull() {
        JsonNode web = services().get(1);
        ObjectNode first = printer.renderWatchObject(ApiResources.SERVICES, web, IncludeObject.METADATA, NOW, true);
        ObjectNode later = printer.renderWatchObject(ApiResources.SERVICES, web, IncludeObject.METADATA, NOW, false);
        assertThat(first.path("columnDefinitions").size()).isEqualTo(ServicePrinter.COLUMNS.size());
        assertThat(later.has("columnDefinitions")).isTrue();
        assertThat(later.path("columnDefinitions").isNull()).isTrue();
        assertThat(later.path("rows")).isEqualTo(first.path("rows"));
        assertThat(later.path("metadata").path("resourceVersion").asString()).isEqualTo("2040");
    }

    @Test
    void aV1beta1RequestGetsAV1beta1TableAndPartialObjectMetadata() {
        TablePrinter beta = TablePrinter.forRequest(new TableRequest(TableRequest.V1BETA1, IncludeObject.METADATA));
        ObjectNode table = beta.render(ApiResources.SERVICES, services(), IncludeObject.METADATA, NOW, "2100", null);
        assertThat(table.path("apiVersion").asString()).isEqualTo("meta.k8s.io/v1beta1");
        assertThat(table.path("rows").path(0).path("object").path("apiVersion").asString()).isEqualTo("meta.k8s.io/v1beta1");
    }

    @Test
    void marksASucceededPodCompletedInItsRow() {
        JsonNode pod = yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: migrate-db, namespace: default, creationTimestamp: "2025-03-01T11:55:00Z"}
                spec: {containers: [{name: migrate}]}
                status:
                  phase: Succeeded
                  containerStatuses: [{name: migrate, ready: false, restartCount: 0, state: {terminated: {exitCode: 0, reason: Completed}}}]
                """);
        JsonNode row = printer.renderObject(ApiResources.PODS, pod, IncludeObject.NONE, NOW).path("rows").path(0);
        assertThat(KubernetesJson.write(row)).isEqualTo("{\"cells\":[\"migrate-db\",\"0/1\",\"Completed\",\"0\",\"5m\","
                + "\"<none>\",\"<none>\",\"<none>\",\"<none>\"],\"conditions\":[{\"type\":\"Completed\",\"status\":\"True\","
                + "\"reason\":\"Succeeded\",\"message\":\"The pod has completed successfully.\"}],\"object\":null}");
    }

    @Test
    void writesIntegerCellsAsNumbers() {
        JsonNode deployment = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default, creationTimestamp: "2025-03-01T11:55:00Z"}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web}}
                  template: {spec: {containers: [{name: nginx, image: "nginx:1.27"}]}}
                status: {readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2}
                """);
        JsonNode cells = printer.renderObject(ApiResources.DEPLOYMENTS, deployment, IncludeObject.NONE, NOW)
                .path("rows").path(0).path("cells");
        assertThat(KubernetesJson.write(cells)).isEqualTo("[\"web\",\"2/3\",3,2,\"5m\",\"nginx\",\"nginx:1.27\",\"app=web\"]");
    }

    @Test
    void neverModifiesTheObjectsItPrints() {
        List<JsonNode> services = services();
        List<JsonNode> before = services.stream().map(JsonNode::deepCopy).toList();
        for (IncludeObject include : IncludeObject.values()) {
            ObjectNode table = printer.render(ApiResources.SERVICES, services, include, NOW, "2100", null);
            // Changing the Table must not reach back into the stored objects either.
            for (JsonNode row : table.path("rows")) {
                if (row.path("object").isObject()) {
                    ((ObjectNode) row.path("object")).put("kind", "Changed");
                    ((ObjectNode) row.path("object").path("metadata")).put("name", "changed");
                }
            }
        }
        assertThat(services).isEqualTo(before);
    }

    private static List<JsonNode> services() {
        JsonNode array = KubernetesJson.JSON.readTree(resource("services.json"));
        List<JsonNode> services = new ArrayList<>();
        array.forEach(services::add);
        return services;
    }

    private static String resource(String name) {
        try (InputStream in = TablePrinterTest.class.getResourceAsStream("/printing/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource printing/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Compares pretty-printed JSON, so field order counts as it does on the wire. */
    private static void assertMatchesGolden(JsonNode actual, String golden) throws IOException {
        String actualText = KubernetesJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n";
        String expectedText = resource(golden).replace("\r\n", "\n");
        if (!actualText.equals(expectedText)) {
            Path out = Path.of("target", "printing-actual", golden);
            Files.createDirectories(out.getParent());
            Files.writeString(out, actualText);
        }
        assertThat(actualText).isEqualTo(expectedText);
    }
}
