package io.kubeplane.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeplane.client.ApiClientSettings;
import io.kubeplane.client.KubeplaneClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * endpoints-controller against the whole local cluster: pods whose status the test writes (as a
 * node agent would), Services selecting them, and the Endpoints and EndpointSlices that follow —
 * scale up and down, readiness flips, relabelling, named ports, a 250-pod Service in three slices,
 * deletion with the Service, and "why is this pod not an endpoint" over HTTP.
 */
class EndpointsControllerIT {

    private static TestCluster cluster;
    private static Kubectl kubectl;
    private static KubernetesClient client;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        cluster = new TestCluster(home -> { }, Map.of(), TestCluster.WITHOUT_NODES);
        kubectl = cluster.kubectl();
        client = KubeplaneClients.create(new ApiClientSettings("https://127.0.0.1:" + cluster.settings().ports().secure(),
                cluster.started().token(), Files.readString(cluster.settings().certificateDirectory().resolve("ca.crt")),
                "endpoints-it"));
    }

    @AfterAll
    static void stop() {
        client.close();
        cluster.close();
    }

    private static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions();
    }

    private static void service(String namespace, String name) {
        client.services().inNamespace(namespace).resource(new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().addToSelector("app", name)
                .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).endPort()
                .addNewPort().withName("metrics").withPort(9090).withTargetPort(new IntOrString(9090)).endPort()
                .endSpec().build()).create();
    }

    /** A pod labelled app={@code app} with container port "http" 8080 (or none), then its status: IP and readiness. */
    private static void pod(String namespace, String name, String app, String ip, boolean ready, boolean namedPort) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).addToLabels("app", app).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer().endSpec();
        if (namedPort) {
            pod.editSpec().editFirstContainer().addNewPort().withName("http").withContainerPort(8080).endPort().endContainer().endSpec();
        }
        client.pods().inNamespace(namespace).resource(pod.build()).create();
        setStatus(namespace, name, ip, ready);
    }

    private static void setStatus(String namespace, String name, String ip, boolean ready) {
        client.pods().inNamespace(namespace).withName(name).subresource("status").patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                """
                {"status":{"phase":"Running","podIP":"%s","podIPs":[{"ip":"%s"}],
                 "conditions":[{"type":"Ready","status":"%s"}]}}""".formatted(ip, ip, ready ? "True" : "False"));
    }

    private static List<String> ready(String namespace, String name) {
        Endpoints endpoints = client.endpoints().inNamespace(namespace).withName(name).get();
        return endpoints.getSubsets().stream().filter(s -> s.getPorts().size() == 2)
                .flatMap(s -> s.getAddresses().stream()).map(a -> a.getIp()).sorted().toList();
    }

    private static List<EndpointSlice> slices(String namespace, String name) {
        return client.discovery().v1().endpointSlices().inNamespace(namespace)
                .withLabel("kubernetes.io/service-name", name).list().getItems().stream()
                .sorted(Comparator.comparing(s -> s.getMetadata().getName())).toList();
    }

    @Test
    void endpointsFollowPodsThroughScaleReadinessRelabelAndDeletion() {
        kubectl.run("create", "namespace", "follow");
        service("follow", "web");
        pod("follow", "web-1", "web", "10.244.1.2", true, true);
        pod("follow", "web-2", "web", "10.244.1.3", true, true);
        pod("follow", "web-3", "web", "10.244.1.4", true, true);
        pod("follow", "db-1", "db", "10.244.1.9", true, true);
        eventually().untilAsserted(() -> assertThat(ready("follow", "web")).containsExactly("10.244.1.2", "10.244.1.3", "10.244.1.4"));
        assertThat(kubectl.run("-n", "follow", "get", "endpoints", "web"))
                .containsPattern("web\\s+10\\.244\\.1\\.\\d+:\\d+,10\\.244\\.1\\.\\d+:\\d+,10\\.244\\.1\\.\\d+:\\d+ \\+ 3 more");
        Endpoints endpoints = client.endpoints().inNamespace("follow").withName("web").get();
        assertThat(endpoints.getMetadata().getAnnotations()).containsKey("endpoints.kubernetes.io/last-change-trigger-time");
        assertThat(endpoints.getSubsets().getFirst().getAddresses().getFirst().getTargetRef().getName()).startsWith("web-");
        assertThat(endpoints.getSubsets().getFirst().getPorts()).extracting(p -> p.getPort()).containsExactlyInAnyOrder(8080, 9090);

        // Readiness flips: into notReadyAddresses, and ready=false in the slice.
        setStatus("follow", "web-2", "10.244.1.3", false);
        eventually().untilAsserted(() -> {
            assertThat(ready("follow", "web")).containsExactly("10.244.1.2", "10.244.1.4");
            assertThat(client.endpoints().inNamespace("follow").withName("web").get().getSubsets().getFirst()
                    .getNotReadyAddresses()).extracting(a -> a.getIp()).containsExactly("10.244.1.3");
            assertThat(slices("follow", "web")).singleElement().satisfies(slice -> assertThat(slice.getEndpoints())
                    .filteredOn(e -> e.getAddresses().getFirst().equals("10.244.1.3"))
                    .singleElement().satisfies(e -> assertThat(e.getConditions().getReady()).isFalse()));
        });

        // Relabelled away, deleted, added.
        client.pods().inNamespace("follow").withName("web-3").edit(p -> new PodBuilder(p).editMetadata()
                .addToLabels("app", "other").endMetadata().build());
        // Grace 0: the scheduler may have bound web-1, and a bound pod would otherwise stay Terminating.
        client.pods().inNamespace("follow").withName("web-1").withGracePeriod(0).delete();
        pod("follow", "web-4", "web", "10.244.1.5", true, true);
        eventually().untilAsserted(() -> assertThat(ready("follow", "web")).containsExactly("10.244.1.5"));

        // A pod without the named port serves only the numbered one.
        pod("follow", "web-5", "web", "10.244.1.6", true, false);
        eventually().untilAsserted(() -> assertThat(client.endpoints().inNamespace("follow").withName("web").get().getSubsets())
                .anySatisfy(s -> {
                    assertThat(s.getPorts()).extracting(p -> p.getPort()).containsExactly(9090);
                    assertThat(s.getAddresses()).extracting(a -> a.getIp()).containsExactly("10.244.1.6");
                }));
        assertThat(endpointsView("/endpoints/v1/services/follow/web")).contains("\"pod\":\"db-1\"")
                .contains("label app is \\\"db\\\", the selector wants \\\"web\\\"")
                .contains("none: no container port named \\\"http\\\"");

        // Deleting the Service deletes what the controller wrote for it.
        client.services().inNamespace("follow").withName("web").delete();
        eventually().untilAsserted(() -> {
            assertThat(client.endpoints().inNamespace("follow").withName("web").get()).isNull();
            assertThat(slices("follow", "web")).isEmpty();
        });
    }

    @Test
    void twoHundredFiftyPodsMakeThreeSlicesAndAnUnchangedServiceIsNotRewritten() {
        kubectl.run("create", "namespace", "big");
        service("big", "wide");
        for (int i = 0; i < 250; i++) {
            pod("big", "wide-%03d".formatted(i), "wide", "10.244." + (10 + i / 200) + "." + (i % 200 + 2), true, true);
        }
        eventually().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(slices("big", "wide"))
                .extracting(s -> s.getEndpoints().size()).containsExactlyInAnyOrder(100, 100, 50));
        List<EndpointSlice> settled = slices("big", "wide");
        assertThat(settled).allSatisfy(slice -> {
            assertThat(slice.getMetadata().getLabels()).containsEntry("endpointslice.kubernetes.io/managed-by",
                    "endpointslice-controller.k8s.io");
            assertThat(slice.getMetadata().getOwnerReferences().getFirst().getKind()).isEqualTo("Service");
            assertThat(slice.getAddressType()).isEqualTo("IPv4");
        });
        assertThat(ready("big", "wide")).hasSize(250);

        // A label on the Service changes every slice; a pod flip changes only its own slice.
        Map<String, String> versions = versions(settled);
        setStatus("big", "wide-120", "10.244.10.122", false);
        eventually().untilAsserted(() -> assertThat(slices("big", "wide")).anySatisfy(s -> assertThat(s.getEndpoints())
                .anySatisfy(e -> {
                    assertThat(e.getAddresses()).containsExactly("10.244.10.122");
                    assertThat(e.getConditions().getReady()).isFalse();
                })));
        Map<String, String> after = versions(slices("big", "wide"));
        assertThat(after.keySet()).isEqualTo(versions.keySet());
        assertThat(after.entrySet().stream().filter(e -> !e.getValue().equals(versions.get(e.getKey()))).count())
                .as("only the slice holding the flipped pod is rewritten").isEqualTo(1);
    }

    @Test
    void endpointsWrittenForASelectorlessServiceAreLeftAloneAndMirroredIntoSlices() {
        kubectl.run("create", "namespace", "manual");
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: external, namespace: manual}
                spec:
                  ports: [{name: pg, port: 5432}]
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: external, namespace: manual}
                subsets:
                - addresses: [{ip: 192.0.2.40}, {ip: 192.0.2.41}]
                  notReadyAddresses: [{ip: 192.0.2.42}]
                  ports: [{name: pg, port: 5432}]
                """, "apply", "-f", "-");
        eventually().untilAsserted(() -> assertThat(slices("manual", "external")).singleElement().satisfies(slice -> {
            assertThat(slice.getMetadata().getLabels()).containsEntry("endpointslice.kubernetes.io/managed-by",
                    "endpointslicemirroring-controller.k8s.io");
            assertThat(slice.getMetadata().getOwnerReferences().getFirst().getKind()).isEqualTo("Endpoints");
            assertThat(slice.getEndpoints()).extracting(e -> e.getAddresses().getFirst() + "=" + e.getConditions().getReady())
                    .containsExactlyInAnyOrder("192.0.2.40=true", "192.0.2.41=true", "192.0.2.42=false");
            assertThat(slice.getPorts()).extracting(p -> p.getName() + "/" + p.getPort()).containsExactly("pg/5432");
        }));
        // The user's Endpoints are theirs: unchanged by the controller.
        assertThat(client.endpoints().inNamespace("manual").withName("external").get().getMetadata().getAnnotations())
                .doesNotContainKey("endpoints.kubernetes.io/last-change-trigger-time");

        kubectl.run("-n", "manual", "delete", "endpoints", "external");
        eventually().untilAsserted(() -> assertThat(slices("manual", "external")).isEmpty());
        // The api-server's own default/kubernetes is not mirrored.
        assertThat(slices("default", "kubernetes")).noneMatch(s -> "endpointslicemirroring-controller.k8s.io"
                .equals(s.getMetadata().getLabels().get("endpointslice.kubernetes.io/managed-by")));
    }

    @Test
    void aFreshControllerOverSettledStateWritesNothing() throws Exception {
        kubectl.run("create", "namespace", "settled");
        service("settled", "calm");
        for (int i = 0; i < 5; i++) {
            pod("settled", "calm-" + i, "calm", "10.244.30." + (i + 2), i % 2 == 0, true);
        }
        eventually().untilAsserted(() -> assertThat(slices("settled", "calm")).singleElement()
                .satisfies(s -> assertThat(s.getEndpoints()).hasSize(5)));
        eventually().untilAsserted(() -> assertThat(client.endpoints().inNamespace("settled").withName("calm").get()
                .getSubsets().getFirst().getNotReadyAddresses()).hasSize(2));
        String endpointsVersion = client.endpoints().inNamespace("settled").withName("calm").get().getMetadata().getResourceVersion();
        Map<String, String> sliceVersions = versions(slices("settled", "calm"));

        var component = cluster.started().components().stream().filter(c -> c.name().equals("endpoints-controller"))
                .findFirst().orElseThrow();
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> args = new java.util.ArrayList<>(component.arguments().stream()
                .filter(a -> !a.startsWith("--server.port=")).toList());
        args.add("--server.port=" + port);
        try (var fresh = component.application().get()
                .listeners(new io.kubeplane.local.components.ClusterStoreBinding(cluster.started().database()))
                .run(args.toArray(String[]::new))) {
            String base = "http://127.0.0.1:" + port;
            eventually().untilAsserted(() -> assertThat(get(base + "/actuator/health/readiness")).contains("\"UP\""));
            // Every Service reconciled once: the queues drain.
            eventually().untilAsserted(() -> assertThat(get(base + "/endpoints/v1/state")).contains("\"queueDepth\":0"));
            Thread.sleep(1000);
            assertThat(get(base + "/actuator/prometheus")).containsPattern("controller_reconciles_total\\{controller=\"endpointslices\",result=\"success\"\\} [1-9]")
                    .doesNotContainPattern("endpoints_controller_writes_total\\{[^}]*\\} [1-9]");
        }
        assertThat(client.endpoints().inNamespace("settled").withName("calm").get().getMetadata().getResourceVersion())
                .isEqualTo(endpointsVersion);
        assertThat(versions(slices("settled", "calm"))).isEqualTo(sliceVersions);
    }

    private static String get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void endpointsCarryTheirNodesZoneAndFollowItWhenItChanges() {
        kubectl.run("create", "namespace", "zones");
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Node
                metadata: {name: zoned, labels: {topology.kubernetes.io/zone: zone-a}}
                """, "apply", "-f", "-");
        service("zones", "api");
        client.pods().inNamespace("zones").resource(new PodBuilder().withNewMetadata().withName("api-1")
                .addToLabels("app", "api").endMetadata().withNewSpec().withNodeName("zoned").addNewContainer().withName("c")
                .withImage("nginx").addNewPort().withName("http").withContainerPort(8080).endPort().endContainer().endSpec()
                .build()).create();
        // Bound to a node, the pod gets its IP from ipam-service (the node's podCIDR); the test plays
        // the node agent only for readiness.
        String[] ip = new String[1];
        eventually().untilAsserted(() -> {
            ip[0] = client.pods().inNamespace("zones").withName("api-1").get().getStatus().getPodIP();
            assertThat(ip[0]).startsWith("10.244.");
        });
        client.pods().inNamespace("zones").withName("api-1").subresource("status").patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
        eventually().untilAsserted(() -> assertThat(slices("zones", "api")).singleElement().satisfies(s -> assertThat(s.getEndpoints())
                .singleElement().satisfies(e -> {
                    assertThat(e.getAddresses()).containsExactly(ip[0]);
                    assertThat(e.getConditions().getReady()).isTrue();
                    assertThat(e.getZone()).isEqualTo("zone-a");
                    assertThat(e.getNodeName()).isEqualTo("zoned");
                })));
        kubectl.run("label", "node", "zoned", "topology.kubernetes.io/zone=zone-b", "--overwrite");
        eventually().untilAsserted(() -> assertThat(slices("zones", "api").getFirst().getEndpoints().getFirst().getZone())
                .isEqualTo("zone-b"));
    }

    private static Map<String, String> versions(List<EndpointSlice> slices) {
        return slices.stream().collect(java.util.stream.Collectors.toMap(s -> s.getMetadata().getName(),
                s -> s.getMetadata().getResourceVersion()));
    }

    private static String endpointsView(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + cluster.settings().ports().endpointsController() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
