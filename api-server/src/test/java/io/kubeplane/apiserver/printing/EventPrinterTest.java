package io.kubeplane.apiserver.printing;

import static io.kubeplane.apiserver.printing.PrintingFixtures.cells;
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
 * {@code kubectl get events -o wide}: LAST SEEN TYPE REASON OBJECT SUBOBJECT SOURCE MESSAGE FIRST SEEN
 * COUNT NAME. The request is at 12:00.
 */
class EventPrinterTest {

    static Stream<Arguments> events() {
        return Stream.of(
                row("kubelet warning about a crash-looping container", """
                        metadata: {name: web-7d4b9c-x2x7q.182a1b2c3d4e5f60, namespace: default}
                        involvedObject: {kind: Pod, name: web-7d4b9c-x2x7q, namespace: default, fieldPath: "spec.containers{web}"}
                        reason: BackOff
                        message: Back-off restarting failed container web in pod web-7d4b9c-x2x7q_default
                        source: {component: kubelet, host: kind-worker}
                        firstTimestamp: "2025-03-01T11:50:00Z"
                        lastTimestamp: "2025-03-01T11:59:30Z"
                        count: 12
                        type: Warning
                        """, List.of("30s", "Warning", "BackOff", "pod/web-7d4b9c-x2x7q", "spec.containers{web}",
                        "kubelet, kind-worker", "Back-off restarting failed container web in pod web-7d4b9c-x2x7q_default",
                        "10m", 12L, "web-7d4b9c-x2x7q.182a1b2c3d4e5f60")),
                row("event written through events.k8s.io with eventTime only", """
                        metadata: {name: web.182a1b2c3d4e5f61, namespace: default}
                        involvedObject: {kind: Service, name: web, namespace: default}
                        reason: EndpointsSynced
                        message: "Endpoints and EndpointSlices updated"
                        eventTime: "2025-03-01T11:59:15.000000Z"
                        reportingComponent: kubeplane-endpoints-controller
                        reportingInstance: endpoints-controller-0
                        type: Normal
                        """, List.of("45s", "Normal", "EndpointsSynced", "service/web", "",
                        "kubeplane-endpoints-controller, endpoints-controller-0", "Endpoints and EndpointSlices updated",
                        "45s", 1L, "web.182a1b2c3d4e5f61")),
                row("event series counts its occurrences", """
                        metadata: {name: web.182a1b2c3d4e5f62, namespace: default}
                        involvedObject: {kind: Service, name: web, namespace: default}
                        reason: AllocationFailed
                        message: no NodePort left in 30000-32767
                        eventTime: "2025-03-01T11:00:00.000000Z"
                        series: {count: 7, lastObservedTime: "2025-03-01T11:58:00.000000Z"}
                        reportingComponent: kubeplane-ipam
                        type: Warning
                        """, List.of("2m", "Warning", "AllocationFailed", "service/web", "", "kubeplane-ipam",
                        "no NodePort left in 30000-32767", "60m", 7L, "web.182a1b2c3d4e5f62")),
                row("scaling event with the message trimmed", """
                        metadata: {name: web.182a1b2c3d4e5f63, namespace: default}
                        involvedObject: {kind: Deployment, name: web, namespace: default, apiVersion: apps/v1}
                        reason: ScalingReplicaSet
                        message: "  Scaled up replica set web-7d4b9c to 3 from 1\\n"
                        source: {component: deployment-controller}
                        firstTimestamp: "2025-03-01T11:55:00Z"
                        lastTimestamp: "2025-03-01T11:55:00Z"
                        count: 1
                        type: Normal
                        """, List.of("5m", "Normal", "ScalingReplicaSet", "deployment/web", "", "deployment-controller",
                        "Scaled up replica set web-7d4b9c to 3 from 1", "5m", 1L, "web.182a1b2c3d4e5f63")),
                row("event about a node without a name", """
                        metadata: {name: node.182a1b2c3d4e5f64, namespace: default}
                        involvedObject: {kind: Node}
                        reason: RegisteredNode
                        message: Node event
                        firstTimestamp: "2025-03-01T09:00:00Z"
                        type: Normal
                        """, List.of("3h", "Normal", "RegisteredNode", "node", "", "", "Node event", "3h", 1L,
                        "node.182a1b2c3d4e5f64")),
                row("event without any timestamp", """
                        metadata: {name: odd.182a1b2c3d4e5f65, namespace: default}
                        involvedObject: {kind: Pod, name: odd}
                        reason: Unknown
                        type: Normal
                        """, List.of("<unknown>", "Normal", "Unknown", "pod/odd", "", "", "", "<unknown>", 1L,
                        "odd.182a1b2c3d4e5f65")));
    }

    @ParameterizedTest
    @MethodSource("events")
    void printsAsTheEventsPrinterDoes(JsonNode event, List<Object> expected) {
        assertThat(cells(new EventPrinter(), event)).isEqualTo(expected);
    }

    private static Arguments row(String situation, String body, List<Object> expected) {
        return Arguments.of(Named.of(situation, yaml("apiVersion: v1\nkind: Event\n" + body)), expected);
    }
}
