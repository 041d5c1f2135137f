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
 * {@code kubectl get rs -o wide}: NAME DESIRED CURRENT READY AGE CONTAINERS IMAGES SELECTOR, every
 * count an integer. Every ReplicaSet was created at 11:55.
 */
class ReplicaSetPrinterTest {

    private static final String TEMPLATE = """
              selector: {matchLabels: {app: web, pod-template-hash: 7c5ddbdf54}}
              template:
                metadata: {labels: {app: web, pod-template-hash: 7c5ddbdf54}}
                spec: {containers: [{name: nginx, image: "nginx:1.27"}]}
            """;

    static Stream<Arguments> replicaSets() {
        return Stream.of(
                row("every replica ready", """
                        spec:
                          replicas: 3
                        %s
                        status: {replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3}
                        """.formatted(TEMPLATE), 3L, 3L, 3L),
                row("scaling up", """
                        spec:
                          replicas: 5
                        %s
                        status: {replicas: 4, readyReplicas: 1}
                        """.formatted(TEMPLATE), 5L, 4L, 1L),
                row("an old revision scaled to zero", """
                        spec:
                          replicas: 0
                        %s
                        status: {replicas: 0}
                        """.formatted(TEMPLATE), 0L, 0L, 0L),
                row("replicas left to the default of one, no status yet", """
                        spec:
                        %s""".formatted(TEMPLATE), 1L, 0L, 0L));
    }

    @ParameterizedTest
    @MethodSource("replicaSets")
    void printsDesiredCurrentReadyContainersAndSelector(JsonNode replicaSet, List<Object> expected) {
        assertThat(cells(new ReplicaSetPrinter(), replicaSet)).isEqualTo(expected);
    }

    private static Arguments row(String situation, String body, long desired, long current, long ready) {
        JsonNode replicaSet = withMetadata(yaml("apiVersion: apps/v1\nkind: ReplicaSet\n" + body), "web-7c5ddbdf54",
                "2025-03-01T11:55:00Z");
        return Arguments.of(Named.of(situation, replicaSet), List.of("web-7c5ddbdf54", desired, current, ready, "5m", "nginx",
                "nginx:1.27", "app=web,pod-template-hash=7c5ddbdf54"));
    }
}
