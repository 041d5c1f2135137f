package io.kubeplane.apiserver.printing;

import static io.kubeplane.apiserver.printing.PrintingFixtures.NOW;
import static io.kubeplane.apiserver.printing.PrintingFixtures.cells;
import static io.kubeplane.apiserver.printing.PrintingFixtures.withMetadata;
import static io.kubeplane.apiserver.printing.PrintingFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * READY, STATUS and RESTARTS of {@code kubectl get pods}, as {@code printPod} works them out.
 *
 * <p>Pods 10.244.0.0/16 and fd00:10:244::/56, on nodes kind-worker and kind-worker2. Every pod was
 * created at 11:55 and the request is at 12:00.
 */
class PodPrinterTest {

    static Stream<Arguments> pods() {
        return Stream.of(
                row("running pod with one ready container", """
                        spec: {containers: [{name: web, image: "nginx:1.27"}]}
                        status:
                          phase: Running
                          containerStatuses:
                          - {name: web, ready: true, started: true, restartCount: 0, state: {running: {startedAt: "2025-03-01T11:55:10Z"}}}
                        """, "1/1", "Running", "0"),
                row("pending pod not yet scheduled", """
                        spec: {containers: [{name: web, image: "nginx:1.27"}]}
                        status: {phase: Pending}
                        """, "0/1", "Pending", "0"),
                row("container being created", """
                        spec: {containers: [{name: web, image: "nginx:1.27"}]}
                        status:
                          phase: Pending
                          containerStatuses:
                          - {name: web, ready: false, restartCount: 0, state: {waiting: {reason: ContainerCreating}}}
                        """, "0/1", "ContainerCreating", "0"),
                row("crash-looping container restarted five times", """
                        spec: {containers: [{name: web, image: "nginx:1.27"}]}
                        status:
                          phase: Running
                          containerStatuses:
                          - name: web
                            ready: false
                            restartCount: 5
                            state: {waiting: {reason: CrashLoopBackOff, message: back-off 2m40s restarting failed container}}
                            lastState: {terminated: {exitCode: 1, reason: Error, finishedAt: "2025-03-01T11:55:00Z"}}
                        """, "0/1", "CrashLoopBackOff", "5 (5m ago)"),
                row("restarts without a recorded finish time", """
                        spec: {containers: [{name: web, image: "nginx:1.27"}]}
                        status:
                          phase: Running
                          containerStatuses:
                          - {name: web, ready: true, restartCount: 2, state: {running: {}}}
                        """, "1/1", "Running", "2"),
                row("restarts of two containers add up, the latest finish counts", """
                        spec: {containers: [{name: web, image: "nginx:1.27"}, {name: proxy, image: "envoy:1.31"}]}
                        status:
                          phase: Running
                          containerStatuses:
                          - name: web
                            ready: true
                            restartCount: 1
                            state: {running: {}}
                            lastState: {terminated: {exitCode: 137, reason: OOMKilled, finishedAt: "2025-03-01T10:00:00Z"}}
                          - name: proxy
                            ready: true
                            restartCount: 2
                            state: {running: {}}
                            lastState: {terminated: {exitCode: 1, reason: Error, finishedAt: "2025-03-01T11:59:15Z"}}
                        """, "2/2", "Running", "3 (45s ago)"),
                row("pod terminating", """
                        metadata: {deletionTimestamp: "2025-03-01T11:59:30Z", deletionGracePeriodSeconds: 30}
                        spec: {containers: [{name: web, image: "nginx:1.27"}]}
                        status:
                          phase: Running
                          containerStatuses:
                          - {name: web, ready: true, restartCount: 0, state: {running: {}}}
                        """, "1/1", "Terminating", "0"),
                row("pod on a lost node", """
                        metadata: {deletionTimestamp: "2025-03-01T11:59:30Z"}
                        spec: {containers: [{name: web, image: "nginx:1.27"}]}
                        status:
                          phase: Running
                          reason: NodeLost
                          containerStatuses:
                          - {name: web, ready: true, restartCount: 0, state: {running: {}}}
                        """, "1/1", "Unknown", "0"),
                row("succeeded pod being deleted is not Terminating", """
                        metadata: {deletionTimestamp: "2025-03-01T11:59:30Z"}
                        spec: {containers: [{name: job, image: "busybox:1.36"}]}
                        status:
                          phase: Succeeded
                          containerStatuses:
                          - {name: job, ready: false, restartCount: 0, state: {terminated: {exitCode: 0, reason: Completed}}}
                        """, "0/1", "Completed", "0"),
                row("failed container shows its reason", """
                        spec: {containers: [{name: job, image: "busybox:1.36"}]}
                        status:
                          phase: Failed
                          containerStatuses:
                          - {name: job, ready: false, restartCount: 0, state: {terminated: {exitCode: 1, reason: Error}}}
                        """, "0/1", "Error", "0"),
                row("terminated by a signal without a reason", """
                        spec: {containers: [{name: web, image: "nginx:1.27"}]}
                        status:
                          phase: Running
                          containerStatuses:
                          - {name: web, ready: false, restartCount: 0, state: {terminated: {exitCode: 137, signal: 9}}}
                        """, "0/1", "Signal:9", "0"),
                row("terminated with an exit code and no reason", """
                        spec: {containers: [{name: web, image: "nginx:1.27"}]}
                        status:
                          phase: Running
                          containerStatuses:
                          - {name: web, ready: false, restartCount: 0, state: {terminated: {exitCode: 2}}}
                        """, "0/1", "ExitCode:2", "0"),
                row("evicted pod", """
                        spec: {containers: [{name: web, image: "nginx:1.27"}]}
                        status: {phase: Failed, reason: Evicted, message: "The node was low on resource: memory."}
                        """, "0/1", "Evicted", "0"),
                row("first container's reason wins", """
                        spec: {containers: [{name: web, image: "nginx:1.27"}, {name: proxy, image: "envoy:1.31"}]}
                        status:
                          phase: Pending
                          containerStatuses:
                          - {name: web, ready: false, restartCount: 0, state: {waiting: {reason: ImagePullBackOff}}}
                          - {name: proxy, ready: false, restartCount: 0, state: {waiting: {reason: ContainerCreating}}}
                        """, "0/2", "ImagePullBackOff", "0"),
                row("one container completed while another runs, pod ready", """
                        spec: {containers: [{name: setup, image: "busybox:1.36"}, {name: web, image: "nginx:1.27"}]}
                        status:
                          phase: Running
                          conditions: [{type: Ready, status: "True"}]
                          containerStatuses:
                          - {name: setup, ready: false, restartCount: 0, state: {terminated: {exitCode: 0, reason: Completed}}}
                          - {name: web, ready: true, restartCount: 0, state: {running: {}}}
                        """, "1/2", "Running", "0"),
                row("one container completed while another runs, pod not ready", """
                        spec: {containers: [{name: setup, image: "busybox:1.36"}, {name: web, image: "nginx:1.27"}]}
                        status:
                          phase: Running
                          conditions: [{type: Ready, status: "False"}]
                          containerStatuses:
                          - {name: setup, ready: false, restartCount: 0, state: {terminated: {exitCode: 0, reason: Completed}}}
                          - {name: web, ready: true, restartCount: 0, state: {running: {}}}
                        """, "1/2", "NotReady", "0"),
                row("scheduling gated", """
                        spec:
                          containers: [{name: web, image: "nginx:1.27"}]
                          schedulingGates: [{name: example.com/quota}]
                        status:
                          phase: Pending
                          conditions: [{type: PodScheduled, status: "False", reason: SchedulingGated}]
                        """, "0/1", "SchedulingGated", "0"),
                row("init container running", """
                        spec:
                          initContainers: [{name: migrate, image: "flyway:11"}]
                          containers: [{name: web, image: "nginx:1.27"}]
                        status:
                          phase: Pending
                          initContainerStatuses:
                          - {name: migrate, ready: false, restartCount: 0, state: {running: {}}}
                          containerStatuses:
                          - {name: web, ready: false, restartCount: 0, state: {waiting: {reason: PodInitializing}}}
                        """, "0/1", "Init:0/1", "0"),
                row("second of two init containers waiting", """
                        spec:
                          initContainers: [{name: wait-db, image: "busybox:1.36"}, {name: migrate, image: "flyway:11"}]
                          containers: [{name: web, image: "nginx:1.27"}]
                        status:
                          phase: Pending
                          initContainerStatuses:
                          - {name: wait-db, ready: true, restartCount: 0, state: {terminated: {exitCode: 0, reason: Completed}}}
                          - {name: migrate, ready: false, restartCount: 0, state: {waiting: {reason: PodInitializing}}}
                        """, "0/1", "Init:1/2", "0"),
                row("init container crash-looping counts its restarts", """
                        spec:
                          initContainers: [{name: migrate, image: "flyway:11"}]
                          containers: [{name: web, image: "nginx:1.27"}]
                        status:
                          phase: Pending
                          initContainerStatuses:
                          - name: migrate
                            ready: false
                            restartCount: 3
                            state: {waiting: {reason: CrashLoopBackOff}}
                            lastState: {terminated: {exitCode: 1, reason: Error, finishedAt: "2025-03-01T11:58:00Z"}}
                        """, "0/1", "Init:CrashLoopBackOff", "3 (2m ago)"),
                row("init container failed with a reason", """
                        spec:
                          initContainers: [{name: migrate, image: "flyway:11"}]
                          containers: [{name: web, image: "nginx:1.27"}]
                          restartPolicy: Never
                        status:
                          phase: Failed
                          initContainerStatuses:
                          - {name: migrate, ready: false, restartCount: 0, state: {terminated: {exitCode: 1, reason: Error}}}
                        """, "0/1", "Init:Error", "0"),
                row("init container failed without a reason", """
                        spec:
                          initContainers: [{name: migrate, image: "flyway:11"}]
                          containers: [{name: web, image: "nginx:1.27"}]
                        status:
                          phase: Pending
                          initContainerStatuses:
                          - {name: migrate, ready: false, restartCount: 0, state: {terminated: {exitCode: 3}}}
                        """, "0/1", "Init:ExitCode:3", "0"),
                row("started sidecar counts as a ready container", """
                        spec:
                          initContainers: [{name: proxy, image: "envoy:1.31", restartPolicy: Always}]
                          containers: [{name: web, image: "nginx:1.27"}]
                        status:
                          phase: Running
                          conditions: [{type: Initialized, status: "True"}, {type: Ready, status: "True"}]
                          initContainerStatuses:
                          - {name: proxy, ready: true, started: true, restartCount: 2, state: {running: {}}}
                          containerStatuses:
                          - {name: web, ready: true, started: true, restartCount: 1, state: {running: {}}}
                        """, "2/2", "Running", "3"),
                row("sidecar not started yet holds initialisation", """
                        spec:
                          initContainers: [{name: proxy, image: "envoy:1.31", restartPolicy: Always}]
                          containers: [{name: web, image: "nginx:1.27"}]
                        status:
                          phase: Pending
                          initContainerStatuses:
                          - {name: proxy, ready: false, started: false, restartCount: 0, state: {running: {}}}
                        """, "0/2", "Init:0/1", "0"),
                row("completed init containers do not count as restarts", """
                        spec:
                          initContainers: [{name: migrate, image: "flyway:11"}]
                          containers: [{name: web, image: "nginx:1.27"}]
                        status:
                          phase: Running
                          conditions: [{type: Initialized, status: "True"}]
                          initContainerStatuses:
                          - {name: migrate, ready: false, restartCount: 4, state: {terminated: {exitCode: 0, reason: Completed}}}
                          containerStatuses:
                          - {name: web, ready: true, restartCount: 0, state: {running: {}}}
                        """, "1/1", "Running", "0"));
    }

    @ParameterizedTest
    @MethodSource("pods")
    void printsReadyStatusAndRestarts(JsonNode pod, List<Object> expected) {
        assertThat(cells(new PodPrinter(), pod).subList(0, 5)).isEqualTo(expected);
    }

    static Stream<Arguments> widePods() {
        return Stream.of(
                wide("scheduled pod with an IP", """
                        spec: {nodeName: kind-worker, containers: [{name: web}]}
                        status: {phase: Running, podIP: 10.244.1.5, podIPs: [{ip: 10.244.1.5}]}
                        """, "10.244.1.5", "kind-worker", "<none>", "<none>"),
                wide("pod not scheduled yet", """
                        spec: {containers: [{name: web}]}
                        status: {phase: Pending}
                        """, "<none>", "<none>", "<none>", "<none>"),
                wide("dual-stack pod shows its first IP", """
                        spec: {nodeName: kind-worker2, containers: [{name: web}]}
                        status:
                          phase: Running
                          podIP: 10.244.2.9
                          podIPs: [{ip: 10.244.2.9}, {ip: "fd00:10:244:2::9"}]
                        """, "10.244.2.9", "kind-worker2", "<none>", "<none>"),
                wide("pod with only podIPs", """
                        spec: {nodeName: kind-worker2, containers: [{name: web}]}
                        status: {phase: Running, podIPs: [{ip: "fd00:10:244:2::9"}]}
                        """, "fd00:10:244:2::9", "kind-worker2", "<none>", "<none>"),
                wide("pod nominated to a node after preemption", """
                        spec: {containers: [{name: web}]}
                        status: {phase: Pending, nominatedNodeName: kind-worker2}
                        """, "<none>", "<none>", "kind-worker2", "<none>"),
                wide("one of two readiness gates true", """
                        spec:
                          nodeName: kind-worker
                          containers: [{name: web}]
                          readinessGates: [{conditionType: example.com/lb-ready}, {conditionType: example.com/warm}]
                        status:
                          phase: Running
                          podIP: 10.244.1.6
                          conditions:
                          - {type: example.com/lb-ready, status: "True"}
                          - {type: example.com/warm, status: "False"}
                        """, "10.244.1.6", "kind-worker", "<none>", "1/2"),
                wide("readiness gate without a condition yet", """
                        spec:
                          nodeName: kind-worker
                          containers: [{name: web}]
                          readinessGates: [{conditionType: example.com/lb-ready}]
                        status: {phase: Running, podIP: 10.244.1.7}
                        """, "10.244.1.7", "kind-worker", "<none>", "0/1"));
    }

    @ParameterizedTest
    @MethodSource("widePods")
    void printsTheWideColumns(JsonNode pod, List<Object> expected) {
        assertThat(cells(new PodPrinter(), pod).subList(5, 9)).isEqualTo(expected);
    }

    static Stream<Arguments> finishedPods() {
        return Stream.of(
                Arguments.of(Named.of("succeeded pod", "Succeeded"),
                        List.of(new TableRowCondition("Completed", "True", "Succeeded", "The pod has completed successfully."))),
                Arguments.of(Named.of("failed pod", "Failed"),
                        List.of(new TableRowCondition("Completed", "True", "Failed", "The pod failed."))),
                Arguments.of(Named.of("running pod", "Running"), List.of()));
    }

    @ParameterizedTest
    @MethodSource("finishedPods")
    void marksFinishedPodsCompleted(String phase, List<TableRowCondition> expected) {
        JsonNode pod = yaml("""
                metadata: {name: job-1}
                spec: {containers: [{name: job}]}
                status: {phase: %s}
                """.formatted(phase));
        assertThat(new PodPrinter().print(pod, NOW).conditions()).isEqualTo(expected);
    }

    @Test
    void printsNameAndAgeFirst() {
        JsonNode pod = pod("""
                spec: {containers: [{name: web}]}
                status: {phase: Pending}
                """);
        assertThat(cells(new PodPrinter(), pod)).startsWith("web-7d4b9c-x2x7q", "0/1", "Pending", "0", "5m");
    }

    private static Arguments row(String situation, String body, String ready, String status, String restarts) {
        return Arguments.of(Named.of(situation, pod(body)), List.of("web-7d4b9c-x2x7q", ready, status, restarts, "5m"));
    }

    private static Arguments wide(String situation, String body, String ip, String node, String nominated, String gates) {
        return Arguments.of(Named.of(situation, pod(body)), List.of(ip, node, nominated, gates));
    }

    /** A pod in namespace default created at 11:55; {@code body} adds spec, status and more metadata. */
    private static JsonNode pod(String body) {
        return withMetadata(yaml("apiVersion: v1\nkind: Pod\n" + body), "web-7d4b9c-x2x7q", "2025-03-01T11:55:00Z");
    }
}
