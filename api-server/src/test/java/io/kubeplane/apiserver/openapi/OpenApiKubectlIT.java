package io.kubeplane.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.apiserver.SharedApiServer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl (v1.32) against a real api-server, using only the OpenAPI documents for what it
 * does here: client-side validation of {@code kubectl apply} (the v2 protobuf document), strategic
 * merge patches built from the v3 merge keys, and {@code kubectl explain} (the v3 documents).
 */
class OpenApiKubectlIT {

    @TempDir
    Path home;

    private Kubectl kubectl;
    private String namespace;

    @BeforeEach
    void setUp() {
        kubectl = new Kubectl(SharedApiServer.get(), home);
        namespace = SharedApiServer.newNamespace("openapi");
    }

    @Test
    void applyValidatesAServiceAndPatchesItByPortOnTheSecondApply() {
        Path first = kubectl.manifest("service.yaml", service("""
                  ports:
                  - name: http
                    port: 80
                    targetPort: 8080
                """));
        Kubectl.Result created = kubectl.run("apply", "-f", first.toString());
        assertThat(created.exitCode()).as(created.output()).isZero();
        assertThat(created.stdout()).contains("service/web created");

        Path second = kubectl.manifest("service.yaml", service("""
                  ports:
                  - name: http
                    port: 80
                    targetPort: 8080
                  - name: metrics
                    port: 9090
                    targetPort: metrics
                """));
        Kubectl.Result configured = kubectl.run("apply", "-f", second.toString());
        assertThat(configured.exitCode()).as(configured.output()).isZero();
        assertThat(configured.stdout()).contains("service/web configured");
        assertThat(configured.stderr()).doesNotContain("warning");

        Kubectl.Result ports = kubectl.run("get", "service", "web", "-n", namespace, "-o",
                "jsonpath={range .spec.ports[*]}{.name}={.port}->{.targetPort} {end}");
        assertThat(ports.stdout()).isEqualTo("http=80->8080 metrics=9090->metrics ");
    }

    @Test
    void aManifestWithAnUnknownFieldFailsClientSideValidation() {
        Path manifest = kubectl.manifest("bad.yaml", service("""
                  sessionAfinity: ClientIP
                  ports:
                  - port: 80
                """));

        Kubectl.Result result = kubectl.run("apply", "--validate=strict", "-f", manifest.toString());

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.stderr())
                .contains("error validating \"" + manifest + "\"")
                .contains("unknown field \"sessionAfinity\" in io.k8s.api.core.v1.ServiceSpec")
                .contains("turn validation off with --validate=false");
        assertThat(kubectl.run("get", "service", "web", "-n", namespace).exitCode()).isNotZero();
    }

    @Test
    void explainPrintsAFieldWithItsTypeAndDescription() {
        Kubectl.Result result = kubectl.run("explain", "service.spec.sessionAffinity");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.stdout())
                .contains("KIND:       Service")
                .contains("VERSION:    v1")
                .contains("FIELD: sessionAffinity <string>")
                .contains("Supports \"ClientIP\" and \"None\". Used to maintain session affinity.");
    }

    @Test
    void explainRecursivePrintsTheFieldsOfADeploymentStrategy() {
        Kubectl.Result result = kubectl.run("explain", "deployment.spec.strategy", "--recursive");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.stdout())
                .contains("GROUP:      apps")
                .contains("KIND:       Deployment")
                .contains("FIELD: strategy <DeploymentStrategy>")
                .contains("DeploymentStrategy describes how to replace existing pods with new ones.")
                .containsPattern("rollingUpdate\\s+<RollingUpdateDeployment>")
                .containsPattern("maxSurge\\s+<IntOrString>")
                .containsPattern("type\\s+<string>");
    }

    @Test
    void explainPrintsAKindWithItsFields() {
        Kubectl.Result result = kubectl.run("explain", "pods");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.stdout())
                .contains("KIND:       Pod")
                .contains("Pod is a collection of containers that can run on a host.")
                .containsPattern("spec\\s+<PodSpec>")
                .containsPattern("apiVersion\\s+<string>");
    }

    private String service(String spec) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  namespace: %s
                spec:
                  selector:
                    app: web
                %s""".formatted(namespace, spec);
    }
}
