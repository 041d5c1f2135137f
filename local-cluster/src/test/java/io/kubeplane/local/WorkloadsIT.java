package io.kubeplane.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeplane.client.ApiClientSettings;
import io.kubeplane.client.KubeplaneClients;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workloads in a whole local cluster: the two node agents register node-1 and node-2 and renew
 * their Leases, Deployments keep their pods (scheduled across both nodes, given IPs by ipam-service,
 * reported Running and Ready by the agents, and followed by the endpoints), rollouts keep enough
 * endpoints ready, and a node that stops heartbeating is marked NotReady with its pods.
 */
class WorkloadsIT {

    private static TestCluster cluster;
    private static Kubectl kubectl;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws IOException {
        // A short grace period, so the silent node is noticed within the test; the agents beat faster still.
        cluster = new TestCluster(home -> { }, Map.of(
                "workload-controller", List.of("--kubeplane.workloads.node-grace-period=4s"),
                "proxy-agent-node-1", List.of("--kubeplane.agent.renew-interval=1s"),
                "proxy-agent-node-2", List.of("--kubeplane.agent.renew-interval=1s")));
        kubectl = cluster.kubectl();
        client = KubeplaneClients.create(new ApiClientSettings("https://127.0.0.1:" + cluster.settings().ports().secure(),
                cluster.started().token(), Files.readString(cluster.settings().certificateDirectory().resolve("ca.crt")),
                "workloads-it"));
    }

    @AfterAll
    static void stop() {
        client.close();
        cluster.close();
    }

    private static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(100)).ignoreExceptions();
    }

    private static List<Pod> pods(String namespace, String app) {
        return client.pods().inNamespace(namespace).withLabel("app", app).list().getItems();
    }

    private static List<Pod> runningReady(String namespace, String app) {
        return pods(namespace, app).stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null
                && "Running".equals(p.getStatus().getPhase()) && p.getStatus().getPodIP() != null
                && p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .toList();
    }

    /** The ready endpoints of the Service's EndpointSlices. */
    private static Set<String> readyEndpoints(String namespace, String service) {
        return client.discovery().v1().endpointSlices().inNamespace(namespace)
                .withLabel("kubernetes.io/service-name", service).list().getItems().stream()
                .map(EndpointSlice::getEndpoints).flatMap(List::stream)
                .filter(e -> e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady()))
                .map(Endpoint::getAddresses).flatMap(List::stream).collect(Collectors.toSet());
    }

    @Test
    void theAgentsRegisterTwoReadyNodesAndRenewTheirLeases() {
        eventually().untilAsserted(() -> {
            assertThat(kubectl.run("get", "nodes", "-o", "jsonpath={range .items[*]}{.metadata.name}={.status.addresses[0].address}"
                    + ":{.status.conditions[?(@.type==\"Ready\")].status} {end}")).contains("node-1=127.0.0.1:True",
                    "node-2=127.0.0.2:True");
            Lease lease = client.leases().inNamespace("kube-node-lease").withName("node-1").get();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("node-1");
            assertThat(lease.getSpec().getRenewTime().toInstant()).isAfter(Instant.now().minusSeconds(30));
        });
        assertThat(kubectl.run("get", "node", "node-1", "-o", "jsonpath={.status.nodeInfo.kubeletVersion}"))
                .isEqualTo("v1.32.0-kubeplane");
    }

    @Test
    void aDeploymentKeepsItsPodsRunningAcrossBothNodesAndTheEndpointsFollow() {
        kubectl.run("create", "namespace", "tutorial");
        kubectl.run("-n", "tutorial", "create", "deployment", "web", "--image=nginx", "--replicas=3", "--port=8080");
        kubectl.run("-n", "tutorial", "expose", "deployment", "web", "--port=80", "--target-port=8080");

        assertThat(kubectl.run("-n", "tutorial", "rollout", "status", "deployment/web", "--timeout=60s"))
                .contains("deployment \"web\" successfully rolled out");
        eventually().untilAsserted(() -> assertThat(runningReady("tutorial", "web")).hasSize(3));
        List<Pod> pods = runningReady("tutorial", "web");
        String hash = pods.getFirst().getMetadata().getLabels().get("pod-template-hash");
        assertThat(pods).allSatisfy(p -> {
            assertThat(p.getMetadata().getName()).matches("web-" + hash + "-[a-z0-9]{5}");
            assertThat(p.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
                assertThat(o.getKind()).isEqualTo("ReplicaSet");
                assertThat(o.getName()).isEqualTo("web-" + hash);
            });
            assertThat(p.getStatus().getPodIP()).startsWith("10.244.");
        });
        assertThat(pods).extracting(p -> p.getSpec().getNodeName()).contains("node-1", "node-2");
        eventually().untilAsserted(() -> assertThat(readyEndpoints("tutorial", "web")).hasSize(3));
        assertThat(kubectl.run("-n", "tutorial", "get", "deployment", "web")).containsPattern("web\\s+3/3\\s+3\\s+3");
        eventually().untilAsserted(() -> assertThat(kubectl.run("-n", "tutorial", "get", "rs"))
                .containsPattern("web-" + hash + "\\s+3\\s+3\\s+3\\s"));
        assertThat(kubectl.run("-n", "tutorial", "describe", "deployment", "web"))
                .contains("NewReplicaSet:   web-" + hash + " (3/3 replicas created)")
                .contains("Scaled up replica set web-" + hash + " from 0 to 3");

        kubectl.run("-n", "tutorial", "scale", "deployment", "web", "--replicas=5");
        eventually().untilAsserted(() -> assertThat(readyEndpoints("tutorial", "web")).hasSize(5));

        kubectl.run("-n", "tutorial", "scale", "deployment", "web", "--replicas=1");
        eventually().untilAsserted(() -> {
            assertThat(pods("tutorial", "web")).hasSize(1);
            assertThat(readyEndpoints("tutorial", "web")).hasSize(1);
        });

        String survivor = pods("tutorial", "web").getFirst().getMetadata().getName();
        assertThat(kubectl.run("-n", "tutorial", "delete", "pod", survivor, "--wait=true", "--timeout=30s"))
                .isEqualTo("pod \"" + survivor + "\" deleted\n");
        eventually().untilAsserted(() -> {
            assertThat(runningReady("tutorial", "web")).singleElement()
                    .satisfies(p -> assertThat(p.getMetadata().getName()).isNotEqualTo(survivor));
            assertThat(readyEndpoints("tutorial", "web")).hasSize(1);
        });
        assertThat(kubectl.run("-n", "tutorial", "get", "events", "--field-selector", "reason=Scheduled"))
                .contains("Successfully assigned tutorial/web-");
        String replacement = runningReady("tutorial", "web").getFirst().getMetadata().getName();
        assertThat(kubectl.run("-n", "tutorial", "describe", "pod", replacement))
                .containsPattern("Controlled By:\\s+ReplicaSet/web-" + hash)
                .containsPattern("Status:\\s+Running")
                .contains("Successfully assigned tutorial/" + replacement);
        assertThat(kubectl.run("describe", "node", "node-1"))
                .containsPattern("Name:\\s+node-1")
                .containsPattern("Ready\\s+True")
                .contains("Non-terminated Pods:");

        kubectl.run("-n", "tutorial", "delete", "deployment", "web");
        eventually().untilAsserted(() -> {
            assertThat(pods("tutorial", "web")).isEmpty();
            assertThat(client.apps().replicaSets().inNamespace("tutorial").list().getItems()).isEmpty();
        });
    }

    @Test
    void aReplicaSetAdoptsAMatchingOrphanAndKeepsItsCount() {
        kubectl.run("create", "namespace", "adopt");
        kubectl.runWithInput("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: frontend, namespace: adopt}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: frontend}}
                  template:
                    metadata: {labels: {app: frontend}}
                    spec: {containers: [{name: php, image: "php:8", ports: [{containerPort: 8080}]}]}
                """, "apply", "-f", "-");
        eventually().untilAsserted(() -> assertThat(runningReady("adopt", "frontend")).hasSize(2));
        assertThat(kubectl.run("-n", "adopt", "get", "rs", "frontend")).containsPattern("frontend\\s+2\\s+2\\s+2\\s");

        // A bare pod with the ReplicaSet's labels: adopted, then one of three goes (the not-yet-ready one first).
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: stray, namespace: adopt, labels: {app: frontend}}
                spec: {containers: [{name: php, image: "php:8"}]}
                """, "apply", "-f", "-");
        eventually().untilAsserted(() -> {
            List<Pod> pods = pods("adopt", "frontend").stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
            assertThat(pods).hasSize(2);
            assertThat(pods).allSatisfy(p -> assertThat(p.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(o -> assertThat(o.getName()).isEqualTo("frontend")));
        });
        eventually().untilAsserted(() -> assertThat(kubectl.run("-n", "adopt", "get", "events", "--field-selector",
                "involvedObject.name=frontend")).contains("SuccessfulCreate").contains("SuccessfulDelete"));

        kubectl.run("-n", "adopt", "scale", "rs", "frontend", "--replicas=3");
        eventually().untilAsserted(() -> assertThat(runningReady("adopt", "frontend")).hasSize(3));
    }

    @Test
    void aRollingUpdateKeepsReplicasMinusMaxUnavailableEndpointsReady() throws Exception {
        kubectl.run("create", "namespace", "rollout");
        kubectl.run("-n", "rollout", "create", "deployment", "api", "--image=nginx:1.27", "--replicas=4", "--port=8080");
        kubectl.run("-n", "rollout", "expose", "deployment", "api", "--port=80", "--target-port=8080");
        eventually().untilAsserted(() -> assertThat(readyEndpoints("rollout", "api")).hasSize(4));

        List<Integer> samples = new ArrayList<>();
        Thread sampler = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                samples.add(readyEndpoints("rollout", "api").size());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        kubectl.run("-n", "rollout", "set", "image", "deployment/api", "nginx=nginx:1.28");
        String status = kubectl.run("-n", "rollout", "rollout", "status", "deployment/api", "--timeout=90s");
        eventually().untilAsserted(() -> assertThat(readyEndpoints("rollout", "api")).hasSize(4));
        sampler.interrupt();
        sampler.join();

        assertThat(status).contains("successfully rolled out");
        assertThat(runningReady("rollout", "api")).hasSize(4)
                .allSatisfy(p -> assertThat(p.getSpec().getContainers().getFirst().getImage()).isEqualTo("nginx:1.28"));
        // maxUnavailable 25% of 4 = 1: never fewer than 3 ready endpoints.
        assertThat(samples).hasSizeGreaterThan(5).allSatisfy(ready -> assertThat(ready).isGreaterThanOrEqualTo(3));

        assertThat(kubectl.run("-n", "rollout", "rollout", "history", "deployment/api"))
                .containsPattern("(?m)^1\\s").containsPattern("(?m)^2\\s");
        assertThat(kubectl.run("-n", "rollout", "get", "rs", "-o",
                "custom-columns=REVISION:.metadata.annotations.deployment\\.kubernetes\\.io/revision,DESIRED:.spec.replicas",
                "--sort-by=.metadata.annotations.deployment\\.kubernetes\\.io/revision", "--no-headers"))
                .containsPattern("1\\s+0\\s+2\\s+4");

        assertThat(kubectl.run("-n", "rollout", "rollout", "undo", "deployment/api")).contains("rolled back");
        assertThat(kubectl.run("-n", "rollout", "rollout", "status", "deployment/api", "--timeout=90s"))
                .contains("successfully rolled out");
        eventually().untilAsserted(() -> assertThat(runningReady("rollout", "api")).hasSize(4)
                .allSatisfy(p -> assertThat(p.getSpec().getContainers().getFirst().getImage()).isEqualTo("nginx:1.27")));
        assertThat(client.apps().replicaSets().inNamespace("rollout").list().getItems()).as("the first template's ReplicaSet, again")
                .hasSize(2).anySatisfy(rs -> {
                    assertThat(rs.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).isEqualTo("nginx:1.27");
                    assertThat(rs.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "3");
                    assertThat(rs.getSpec().getReplicas()).isEqualTo(4);
                });
    }

    @Test
    void aPodNoNodeFitsStaysPendingWithTheSchedulersReason() {
        kubectl.run("create", "namespace", "pending");
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: picky, namespace: pending}
                spec:
                  nodeSelector: {disk: ssd}
                  containers: [{name: c, image: nginx}]
                """, "apply", "-f", "-");
        eventually().untilAsserted(() -> {
            Pod pod = client.pods().inNamespace("pending").withName("picky").get();
            assertThat(pod.getSpec().getNodeName()).isNull();
            assertThat(pod.getStatus().getConditions()).anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("PodScheduled");
                assertThat(c.getReason()).isEqualTo("Unschedulable");
                assertThat(c.getMessage()).contains("node(s) didn't match Pod's node affinity/selector");
            });
        });
        kubectl.run("label", "node", "node-2", "disk=ssd");
        eventually().untilAsserted(() -> assertThat(client.pods().inNamespace("pending").withName("picky").get()
                .getSpec().getNodeName()).isEqualTo("node-2"));
    }

    @Test
    void aNodeThatStopsHeartbeatingIsMarkedNotReadyAndSoAreItsPods() {
        // A node with no agent: the test renews its Lease, then stops.
        Node node = client.nodes().resource(new NodeBuilder().withNewMetadata().withName("silent").endMetadata().build()).create();
        client.nodes().withName("silent").subresource("status").patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"KubeletReady\"}]}}");
        client.leases().inNamespace("kube-node-lease").resource(new LeaseBuilder().withNewMetadata().withName("silent")
                .endMetadata().withNewSpec().withHolderIdentity("silent").withLeaseDurationSeconds(4)
                .withRenewTime(Instant.now().atZone(ZoneOffset.UTC)).endSpec().build()).create();
        kubectl.run("create", "namespace", "lost");
        client.pods().inNamespace("lost").resource(new PodBuilder().withNewMetadata().withName("stranded").endMetadata()
                .withNewSpec().withNodeName("silent").addNewContainer().withName("c").withImage("nginx").endContainer().endSpec()
                .build()).create();
        kubectl.run("-n", "lost", "patch", "pod", "stranded", "--subresource=status", "--type=merge", "-p",
                "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
        assertThat(node.getMetadata().getUid()).isNotNull();

        eventually().untilAsserted(() -> {
            assertThat(kubectl.run("get", "node", "silent", "-o",
                    "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}/{.status.conditions[?(@.type==\"Ready\")].reason}"))
                    .isEqualTo("Unknown/NodeStatusUnknown");
            assertThat(kubectl.run("-n", "lost", "get", "pod", "stranded", "-o",
                    "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")).isEqualTo("False");
        });
        assertThat(kubectl.run("get", "nodes")).containsPattern("silent\\s+NotReady");
        // The agents' nodes, which keep renewing, stay Ready.
        assertThat(kubectl.run("get", "node", "node-1", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}"))
                .isEqualTo("True");

        // Deleting a pod on a silent node: no agent will finish it, so the pod collector does.
        kubectl.run("-n", "lost", "delete", "pod", "stranded", "--wait=true", "--timeout=40s");
        assertThat(client.pods().inNamespace("lost").withName("stranded").get()).isNull();
    }
}
