package io.kubeplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes Services tutorial, driven with the real kubectl against the local cluster, asserting
 * on kubectl's own output: create and expose a deployment, inspect services and endpoints, scale,
 * NodePort, LoadBalancer, ExternalName, headless, a Service without a selector with manual
 * Endpoints, apply (client- and server-side), label, patch, describe, the usual errors, and deleting
 * a namespace. Cluster IPs, pods and ready endpoints come with later components; until then the
 * suite asserts what exists ({@code <none>} where a real cluster would show an address).
 */
class KubectlTutorialIT {

    private static TestCluster cluster;
    private static Kubectl kubectl;

    private static final String VIEWER_TOKEN = "viewer-" + java.util.UUID.randomUUID();

    @BeforeAll
    static void start() {
        // A second user, bound to the read-only view role, beside the admin the cluster generates.
        cluster = new TestCluster(home -> {
            try {
                java.nio.file.Files.writeString(home.resolve("tokens.csv"), VIEWER_TOKEN + ",viewer,viewer-uid\n");
                java.nio.file.Files.writeString(home.resolve("authorization.yaml"), """
                        bindings:
                        - role: cluster-admin
                          groups: [system:masters]
                        - role: view
                          users: [viewer]
                        """);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        kubectl = cluster.kubectl();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void createExposeScaleAndInspectADeploymentsService() {
        assertThat(kubectl.run("create", "namespace", "tutorial")).isEqualTo("namespace/tutorial created\n");
        assertThat(kubectl.run("-n", "tutorial", "create", "deployment", "web", "--image=nginx", "--replicas=3", "--port=8080"))
                .isEqualTo("deployment.apps/web created\n");
        assertThat(kubectl.run("-n", "tutorial", "expose", "deployment", "web", "--port=80", "--target-port=8080"))
                .isEqualTo("service/web exposed\n");

        String services = kubectl.run("-n", "tutorial", "get", "services");
        assertThat(services.lines().findFirst().orElseThrow())
                .matches("NAME\\s+TYPE\\s+CLUSTER-IP\\s+EXTERNAL-IP\\s+PORT\\(S\\)\\s+AGE");
        assertThat(services).containsPattern("web\\s+ClusterIP\\s+\\S+\\s+<none>\\s+80/TCP\\s+\\d+s");
        assertThat(kubectl.run("-n", "tutorial", "get", "service", "web", "-o", "jsonpath={.spec.selector.app}"))
                .isEqualTo("web");
        assertThat(kubectl.run("-n", "tutorial", "get", "endpoints").lines().findFirst().orElseThrow())
                .matches("(No resources found.*|NAME\\s+ENDPOINTS\\s+AGE)");

        assertThat(kubectl.run("-n", "tutorial", "scale", "deployment", "web", "--replicas=5"))
                .isEqualTo("deployment.apps/web scaled\n");
        assertThat(kubectl.run("-n", "tutorial", "get", "deployment", "web", "-o", "jsonpath={.spec.replicas}")).isEqualTo("5");
        assertThat(kubectl.run("-n", "tutorial", "get", "deployments").lines().findFirst().orElseThrow())
                .matches("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE");

        String described = kubectl.run("-n", "tutorial", "describe", "service", "web");
        assertThat(described).containsPattern("Selector:\\s+app=web").containsPattern("TargetPort:\\s+8080/TCP");
        assertThat(kubectl.run("get", "all", "-n", "tutorial")).contains("service/web", "deployment.apps/web");
    }

    @Test
    void everyServiceTypeAndAServiceWithoutSelector() {
        kubectl.run("create", "namespace", "types");
        assertThat(kubectl.run("-n", "types", "create", "service", "nodeport", "np", "--tcp=80:8080", "--node-port=30080"))
                .isEqualTo("service/np created\n");
        kubectl.run("-n", "types", "create", "service", "loadbalancer", "lb", "--tcp=80:8080");
        kubectl.run("-n", "types", "create", "service", "externalname", "ext", "--external-name=example.com");
        kubectl.run("-n", "types", "create", "service", "clusterip", "headless", "--clusterip=None", "--tcp=80:80");
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: manual
                spec:
                  ports:
                  - port: 80
                    targetPort: 8080
                ---
                apiVersion: v1
                kind: Endpoints
                metadata:
                  name: manual
                subsets:
                - addresses:
                  - ip: 10.0.0.5
                  ports:
                  - port: 8080
                """, "-n", "types", "apply", "-f", "-");

        String services = kubectl.run("-n", "types", "get", "services");
        assertThat(services).containsPattern("np\\s+NodePort\\s+\\S+\\s+<none>\\s+80:30080/TCP");
        assertThat(services).containsPattern("lb\\s+LoadBalancer\\s+\\S+\\s+\\S+\\s+80:\\d{5}/TCP|lb\\s+LoadBalancer\\s+\\S+\\s+<pending>\\s+80/TCP");
        assertThat(services).containsPattern("ext\\s+ExternalName\\s+<none>\\s+example.com");
        assertThat(services).containsPattern("headless\\s+ClusterIP\\s+None\\s+<none>\\s+80/TCP");
        assertThat(kubectl.run("-n", "types", "get", "endpoints", "manual")).containsPattern("manual\\s+10.0.0.5:8080");
    }

    @Test
    void applyTwiceIsUnchangedAndServerSideApplyOwnsFields() {
        kubectl.run("create", "namespace", "applied");
        String manifest = """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  namespace: applied
                  labels: {app: web}
                spec:
                  selector: {app: web}
                  ports:
                  - name: http
                    port: 80
                    targetPort: 8080
                """;
        assertThat(kubectl.runWithInput(manifest, "apply", "-f", "-")).isEqualTo("service/web created\n");
        assertThat(kubectl.runWithInput(manifest, "apply", "-f", "-")).isEqualTo("service/web unchanged\n");
        assertThat(kubectl.runWithInput(manifest.replace("8080", "9090"), "apply", "-f", "-"))
                .isEqualTo("service/web configured\n");

        assertThat(kubectl.runWithInput(manifest.replace("name: web\n", "name: ssa\n"), "apply", "--server-side", "-f", "-"))
                .isEqualTo("service/ssa serverside-applied\n");
        kubectl.run("-n", "applied", "patch", "service", "ssa", "--field-manager=ops", "-p",
                "{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":7070}]}}");
        Kubectl.Result conflict = kubectl.attempt(manifest.replace("name: web\n", "name: ssa\n"), "apply", "--server-side", "-f", "-");
        assertThat(conflict.exitCode()).isNotZero();
        assertThat(conflict.output()).contains("Apply failed with 1 conflict: conflict with \"ops\"");
        assertThat(kubectl.runWithInput(manifest.replace("name: web\n", "name: ssa\n"), "apply", "--server-side",
                "--force-conflicts", "-f", "-")).isEqualTo("service/ssa serverside-applied\n");

        assertThat(kubectl.run("-n", "applied", "label", "service", "web", "tier=front")).isEqualTo("service/web labeled\n");
        assertThat(kubectl.run("-n", "applied", "annotate", "service", "web", "note=hi")).isEqualTo("service/web annotated\n");
        assertThat(kubectl.run("-n", "applied", "get", "services", "-l", "tier=front", "-o", "name"))
                .isEqualTo("service/web\n");
        assertThat(kubectl.run("-n", "applied", "patch", "service", "web", "--type=merge", "-p",
                "{\"spec\":{\"sessionAffinity\":\"ClientIP\"}}")).isEqualTo("service/web patched\n");
        assertThat(kubectl.run("-n", "applied", "get", "service", "web", "-o",
                "jsonpath={.spec.sessionAffinityConfig.clientIP.timeoutSeconds}")).isEqualTo("10800");
    }

    @Test
    void errorsAreTheKubernetesOnes() {
        kubectl.run("create", "namespace", "errors");
        assertThat(kubectl.attempt("", "-n", "errors", "get", "service", "nope").output())
                .isEqualTo("Error from server (NotFound): services \"nope\" not found\n");
        kubectl.run("-n", "errors", "create", "service", "clusterip", "dup", "--tcp=80:80");
        assertThat(kubectl.attempt("", "-n", "errors", "create", "service", "clusterip", "dup", "--tcp=80:80").output())
                .isEqualTo("error: failed to create ClusterIP service: services \"dup\" already exists\n");
        Kubectl.Result invalid = kubectl.attempt("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: bad
                  namespace: errors
                spec:
                  type: NodePort
                  ports:
                  - port: 80
                    nodePort: 99
                """, "apply", "-f", "-");
        assertThat(invalid.exitCode()).isNotZero();
        assertThat(invalid.output()).contains("The Service \"bad\" is invalid", "spec.ports[0].nodePort");
        assertThat(kubectl.attempt("", "get", "services", "-n", "no-such-namespace").output())
                .isEqualTo("No resources found in no-such-namespace namespace.\n");

        assertThat(kubectl.run("--token=" + VIEWER_TOKEN, "-n", "errors", "get", "service", "dup", "-o", "name"))
                .isEqualTo("service/dup\n");
        assertThat(kubectl.attempt("", "--token=" + VIEWER_TOKEN, "-n", "errors", "delete", "service", "dup").output())
                .isEqualTo("Error from server (Forbidden): services \"dup\" is forbidden: User \"viewer\" cannot delete "
                           + "resource \"services\" in API group \"\" in the namespace \"errors\"\n");
        assertThat(kubectl.run("-n", "errors", "get", "service", "dup", "-o", "name")).isEqualTo("service/dup\n");
    }

    @Test
    void watchingAndDeletingANamespace() {
        kubectl.run("create", "namespace", "doomed");
        kubectl.run("-n", "doomed", "create", "service", "clusterip", "web", "--tcp=80:80");

        assertThat(kubectl.run("delete", "namespace", "doomed", "--wait=true", "--timeout=60s"))
                .isEqualTo("namespace \"doomed\" deleted\n");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kubectl.attempt("", "get", "namespace", "doomed").output()).contains("NotFound"));
        assertThat(kubectl.run("api-resources", "--api-group=")).containsPattern("services\\s+svc\\s+v1\\s+true\\s+Service");
        assertThat(kubectl.run("get", "--raw", "/version")).contains("\"major\":\"1\"");
    }

    @Test
    void editAndWatchAsOnACluster() throws Exception {
        kubectl.run("create", "namespace", "edits");
        kubectl.run("-n", "edits", "create", "service", "clusterip", "web", "--tcp=80:8080");

        // kubectl edit runs $KUBE_EDITOR on the object's YAML and sends back what changed.
        assertThat(kubectl.runWithEnv(Map.of("KUBE_EDITOR", "sed -i /sessionAffinity:/s/None/ClientIP/"),
                "-n", "edits", "edit", "service", "web")).isEqualTo("service/web edited\n");
        assertThat(kubectl.run("-n", "edits", "get", "service", "web", "-o", "jsonpath={.spec.sessionAffinity}"))
                .isEqualTo("ClientIP");
        assertThat(kubectl.runWithEnv(Map.of("KUBE_EDITOR", "true"), "-n", "edits", "edit", "service", "web"))
                .isEqualTo("Edit cancelled, no changes made.\n");

        // get -w --output-watch-events: the objects there first, then what happens while it watches.
        var watch = java.util.concurrent.CompletableFuture.supplyAsync(() -> kubectl.attempt("", "-n", "edits", "get",
                "services", "-w", "--output-watch-events", "--request-timeout=8s").output());
        Thread.sleep(2000); // kubectl lists, then watches from the list's resourceVersion
        kubectl.run("-n", "edits", "create", "service", "clusterip", "late", "--tcp=80:8080");
        kubectl.run("-n", "edits", "delete", "service", "late");
        String events = watch.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(events).containsPattern("(?m)^EVENT\\s+NAME\\s+TYPE\\s+CLUSTER-IP")
                .containsPattern("(?m)^ADDED\\s+web\\s+ClusterIP")
                .containsPattern("(?m)^ADDED\\s+late\\s+ClusterIP")
                .containsPattern("(?m)^DELETED\\s+late\\s+ClusterIP");
    }
}
