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
 * {@code kubectl get nodes -o wide}: NAME STATUS ROLES AGE VERSION INTERNAL-IP EXTERNAL-IP OS-IMAGE
 * KERNEL-VERSION CONTAINER-RUNTIME. Nodes 192.168.49.0/24; every node registered on 2025-02-27 at
 * 09:00, 2d3h before the request.
 */
class NodePrinterTest {

    private static final String READY = "conditions: [{type: MemoryPressure, status: \"False\"}, {type: Ready, status: \"True\"}]";
    private static final String INFO = """
              nodeInfo: {kubeletVersion: v1.32.2, osImage: Ubuntu 24.04.1 LTS, kernelVersion: 6.8.0-51-generic,
                         containerRuntimeVersion: "containerd://1.7.24"}
            """;

    static Stream<Arguments> nodes() {
        return Stream.of(
                row("ready control-plane node", """
                        metadata:
                          labels: {kubernetes.io/hostname: kind-control-plane, node-role.kubernetes.io/control-plane: ""}
                        status:
                          %s
                          addresses: [{type: InternalIP, address: 192.168.49.2}, {type: Hostname, address: kind-control-plane}]
                        %s""".formatted(READY, INFO),
                        "Ready", "control-plane", "v1.32.2", "192.168.49.2", "<none>",
                        "Ubuntu 24.04.1 LTS", "6.8.0-51-generic", "containerd://1.7.24"),
                row("cordoned worker", """
                        spec: {unschedulable: true}
                        status:
                          %s
                          addresses: [{type: InternalIP, address: 192.168.49.3}]
                        %s""".formatted(READY, INFO),
                        "Ready,SchedulingDisabled", "<none>", "v1.32.2", "192.168.49.3", "<none>",
                        "Ubuntu 24.04.1 LTS", "6.8.0-51-generic", "containerd://1.7.24"),
                row("node not ready", """
                        status:
                          conditions: [{type: Ready, status: "False", reason: KubeletNotReady}]
                        %s""".formatted(INFO),
                        "NotReady", "<none>", "v1.32.2", "<none>", "<none>",
                        "Ubuntu 24.04.1 LTS", "6.8.0-51-generic", "containerd://1.7.24"),
                row("node whose kubelet stopped posting status", """
                        status:
                          conditions: [{type: Ready, status: Unknown, reason: NodeStatusUnknown}]
                        %s""".formatted(INFO),
                        "NotReady", "<none>", "v1.32.2", "<none>", "<none>",
                        "Ubuntu 24.04.1 LTS", "6.8.0-51-generic", "containerd://1.7.24"),
                row("node not ready and cordoned", """
                        spec: {unschedulable: true}
                        status:
                          conditions: [{type: Ready, status: "False"}]
                        %s""".formatted(INFO),
                        "NotReady,SchedulingDisabled", "<none>", "v1.32.2", "<none>", "<none>",
                        "Ubuntu 24.04.1 LTS", "6.8.0-51-generic", "containerd://1.7.24"),
                row("freshly registered node without conditions or node info", """
                        status: {}
                        """,
                        "Unknown", "<none>", "", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"),
                row("roles from both kinds of label, sorted", """
                        metadata:
                          labels:
                            node-role.kubernetes.io/worker: ""
                            node-role.kubernetes.io/ingress: ""
                            node-role.kubernetes.io/: ""
                            kubernetes.io/role: infra
                        status:
                          %s
                        %s""".formatted(READY, INFO),
                        "Ready", "infra,ingress,worker", "v1.32.2", "<none>", "<none>",
                        "Ubuntu 24.04.1 LTS", "6.8.0-51-generic", "containerd://1.7.24"),
                row("node with an external IP", """
                        status:
                          %s
                          addresses:
                          - {type: InternalIP, address: 192.168.49.4}
                          - {type: ExternalIP, address: 203.0.113.14}
                          - {type: ExternalIP, address: 203.0.113.15}
                        %s""".formatted(READY, INFO),
                        "Ready", "<none>", "v1.32.2", "192.168.49.4", "203.0.113.14",
                        "Ubuntu 24.04.1 LTS", "6.8.0-51-generic", "containerd://1.7.24"));
    }

    @ParameterizedTest
    @MethodSource("nodes")
    void printsStatusRolesAndNodeInfo(JsonNode node, List<Object> expected) {
        assertThat(cells(new NodePrinter(), node)).isEqualTo(expected);
    }

    private static Arguments row(String situation, String body, String status, String roles, String version,
            String internalIP, String externalIP, String osImage, String kernel, String runtime) {
        JsonNode node = withMetadata(yaml("apiVersion: v1\nkind: Node\n" + body), "kind-worker", "2025-02-27T09:00:00Z");
        return Arguments.of(Named.of(situation, node),
                List.of("kind-worker", status, roles, "2d3h", version, internalIP, externalIP, osImage, kernel, runtime));
    }
}
