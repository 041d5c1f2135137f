package io.kubeplane.apiserver.printing;

import static io.kubeplane.apiserver.printing.PrintingFixtures.cells;
import static io.kubeplane.apiserver.printing.PrintingFixtures.withMetadata;
import static io.kubeplane.apiserver.printing.PrintingFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code kubectl get deployments -o wide}: NAME READY UP-TO-DATE AVAILABLE AGE CONTAINERS IMAGES
 * SELECTOR. UP-TO-DATE and AVAILABLE are integers in the Table. Every deployment was created at 11:55.
 */
class DeploymentPrinterTest {

    private static final String WEB_TEMPLATE = """
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: nginx, image: "nginx:1.27"}]}
            """;

    static Stream<Arguments> deployments() {
        return Stream.of(
                row("every replica available", """
                        spec:
                          replicas: 3
                        %s
                        status: {replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3}
                        """.formatted(WEB_TEMPLATE), "3/3", 3L, 3L, "nginx", "nginx:1.27", "app=web"),
                row("rolling out while scaling up", """
                        spec:
                          replicas: 5
                        %s
                        status: {replicas: 6, readyReplicas: 2, updatedReplicas: 4, availableReplicas: 2, unavailableReplicas: 4}
                        """.formatted(WEB_TEMPLATE), "2/5", 4L, 2L, "nginx", "nginx:1.27", "app=web"),
                row("just created, no status yet", """
                        spec:
                          replicas: 3
                        %s""".formatted(WEB_TEMPLATE), "0/3", 0L, 0L, "nginx", "nginx:1.27", "app=web"),
                row("replicas left to the default of one", """
                        spec:
                        %s""".formatted(WEB_TEMPLATE), "0/1", 0L, 0L, "nginx", "nginx:1.27", "app=web"),
                row("scaled to zero", """
                        spec:
                          replicas: 0
                        %s
                        status: {}
                        """.formatted(WEB_TEMPLATE), "0/0", 0L, 0L, "nginx", "nginx:1.27", "app=web"),
                row("two containers", """
                        spec:
                          replicas: 1
                          selector: {matchLabels: {app: web}}
                          template:
                            spec:
                              containers: [{name: nginx, image: "nginx:1.27"}, {name: envoy, image: "envoyproxy/envoy:v1.31.2"}]
                        status: {readyReplicas: 1, updatedReplicas: 1, availableReplicas: 1}
                        """, "1/1", 1L, 1L, "nginx,envoy", "nginx:1.27,envoyproxy/envoy:v1.31.2", "app=web"),
                row("selector with expressions, sorted by key", """
                        spec:
                          replicas: 1
                          selector:
                            matchLabels: {app: web}
                            matchExpressions:
                            - {key: tier, operator: In, values: [frontend, edge]}
                            - {key: legacy, operator: DoesNotExist}
                            - {key: track, operator: Exists}
                          template:
                            spec: {containers: [{name: nginx, image: "nginx:1.27"}]}
                        """, "0/1", 0L, 0L, "nginx", "nginx:1.27", "app=web,!legacy,tier in (edge,frontend),track"),
                row("selector with an unknown operator", """
                        spec:
                          replicas: 1
                          selector:
                            matchExpressions: [{key: tier, operator: Matches, values: [front]}]
                          template:
                            spec: {containers: [{name: nginx, image: "nginx:1.27"}]}
                        """, "0/1", 0L, 0L, "nginx", "nginx:1.27", "<invalid>"),
                row("no selector", """
                        spec:
                          replicas: 1
                          template:
                            spec: {containers: [{name: nginx, image: "nginx:1.27"}]}
                        """, "0/1", 0L, 0L, "nginx", "nginx:1.27", ""));
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void printsReplicasContainersAndSelector(JsonNode deployment, List<Object> expected) {
        assertThat(cells(new DeploymentPrinter(), deployment)).isEqualTo(expected);
    }

    private static Arguments row(String situation, String body, String ready, long upToDate, long available,
            String containers, String images, String selector) {
        JsonNode deployment = withMetadata(yaml("apiVersion: apps/v1\nkind: Deployment\n" + body), "web",
                "2025-03-01T11:55:00Z");
        return Arguments.of(Named.of(situation, deployment),
                List.of("web", ready, upToDate, available, "5m", containers, images, selector));
    }
}
