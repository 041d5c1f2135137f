package io.kubeplane.patch.apply;

import static io.kubeplane.patch.apply.ManagedFieldsEntry.Operation.APPLY;
import static io.kubeplane.patch.apply.ManagedFieldsEntry.Operation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import java.util.stream.Stream;

import io.kubeplane.patch.PatchException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Server-side apply on a Service and a Deployment, write after write, as {@code kubectl apply
 * --server-side} and other managers would do them. ClusterIPs are in {@code 10.96.0.0/12}; the
 * Service is {@code default/web} on ports 80 (http → 8080) and 9090 (metrics).
 *
 * <p>Expected managed fields are what kube-apiserver 1.32 records for the same writes (the
 * structured-merge-diff rules, with the Service ports keyed by port and protocol, the Service
 * selector and the Deployment selector atomic), written as {@code kubectl get -o yaml} shows them.
 */
class ServerSideApplyTest {

    static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: default
              labels:
                app: web
                tier: frontend
            spec:
              selector:
                app: web
              ports:
              - name: http
                port: 80
                targetPort: 8080
              - name: metrics
                port: 9090
                targetPort: 9090
            """;

    static final String SERVICE_FIELDS = """
            f:metadata:
              f:labels:
                f:app: {}
                f:tier: {}
            f:spec:
              f:ports:
                k:{"port":80,"protocol":"TCP"}:
                  .: {}
                  f:name: {}
                  f:port: {}
                  f:targetPort: {}
                k:{"port":9090,"protocol":"TCP"}:
                  .: {}
                  f:name: {}
                  f:port: {}
                  f:targetPort: {}
              f:selector: {}
            """;

    /** The Service without the tier label and the metrics port. */
    static final String SERVICE_SMALLER = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: default
              labels:
                app: web
            spec:
              selector:
                app: web
              ports:
              - name: http
                port: 80
                targetPort: 8080
            """;

    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: default
            spec:
              replicas: 3
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: app
                    image: nginx:1.27
                    ports:
                    - containerPort: 8080
            """;

    static final String DEPLOYMENT_WITHOUT_REPLICAS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: default
            spec:
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: app
                    image: nginx:1.27
                    ports:
                    - containerPort: 8080
            """;

    /** The Deployment with a second container. */
    static final String DEPLOYMENT_WITH_EXPORTER = DEPLOYMENT + """
                  - name: exporter
                    image: exporter:0.1
            """;

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Scenario.named("first apply creates the Service and owns exactly its fields")
                        .apply("kubectl", SERVICE)
                        .managers("kubectl/Apply")
                        .owns("kubectl", APPLY, SERVICE_FIELDS)
                        .time("kubectl", APPLY, Scenario.T0)
                        .value("/spec/ports/0", "{name: http, port: 80, targetPort: 8080, protocol: TCP}"),

                Scenario.named("re-applying the same configuration changes nothing, not even the time")
                        .apply("kubectl", SERVICE)
                        .apply("kubectl", SERVICE)
                        .unchanged()
                        .time("kubectl", APPLY, Scenario.T0),

                Scenario.named("dropping a label and a port from the configuration removes them")
                        .apply("kubectl", SERVICE)
                        .apply("kubectl", SERVICE_SMALLER)
                        .absent("/metadata/labels/tier")
                        .value("/spec/ports", "[{name: http, port: 80, targetPort: 8080, protocol: TCP}]")
                        .owns("kubectl", APPLY, """
                                f:metadata:
                                  f:labels:
                                    f:app: {}
                                f:spec:
                                  f:ports:
                                    k:{"port":80,"protocol":"TCP"}:
                                      .: {}
                                      f:name: {}
                                      f:port: {}
                                      f:targetPort: {}
                                  f:selector: {}
                                """)
                        .time("kubectl", APPLY, Scenario.T0.plusSeconds(60)),

                Scenario.named("a port without protocol is the TCP port of the same number")
                        .apply("kubectl", SERVICE)
                        .applyConflicting("deployer", """
                                apiVersion: v1
                                kind: Service
                                metadata: {name: web, namespace: default}
                                spec:
                                  ports:
                                  - {port: 80, protocol: TCP, targetPort: 8081}
                                """)
                        .conflictMessage("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.ports[port=80,protocol=\"TCP\"].targetPort"),

                Scenario.named("ports are keyed by port and protocol: 53/UDP and 53/TCP are two ports of two appliers")
                        .apply("dns-udp", """
                                apiVersion: v1
                                kind: Service
                                metadata: {name: dns, namespace: kube-system}
                                spec:
                                  ports:
                                  - {name: dns, port: 53, protocol: UDP}
                                """)
                        .apply("dns-tcp", """
                                apiVersion: v1
                                kind: Service
                                metadata: {name: dns, namespace: kube-system}
                                spec:
                                  ports:
                                  - {name: dns-tcp, port: 53, protocol: TCP}
                                """)
                        .value("/spec/ports", "[{name: dns, port: 53, protocol: UDP}, {name: dns-tcp, port: 53, protocol: TCP}]")
                        .owns("dns-udp", APPLY, """
                                f:spec:
                                  f:ports:
                                    k:{"port":53,"protocol":"UDP"}:
                                      .: {}
                                      f:name: {}
                                      f:port: {}
                                      f:protocol: {}
                                """)
                        .owns("dns-tcp", APPLY, """
                                f:spec:
                                  f:ports:
                                    k:{"port":53,"protocol":"TCP"}:
                                      .: {}
                                      f:name: {}
                                      f:port: {}
                                      f:protocol: {}
                                """),

                Scenario.named("another manager's update, then an apply with the old value, conflicts with it")
                        .apply("kubectl", SERVICE)
                        .update("kubectl-edit", "{spec: {ports: [{name: http, port: 80, targetPort: 8081, protocol: TCP},"
                                + " {name: metrics, port: 9090, targetPort: 9090, protocol: TCP}]}}")
                        .owns("kubectl-edit", UPDATE, """
                                f:spec:
                                  f:ports:
                                    k:{"port":80,"protocol":"TCP"}:
                                      f:targetPort: {}
                                """)
                        .applyConflicting("kubectl", SERVICE)
                        .conflictMessage("Apply failed with 1 conflict: conflict with \"kubectl-edit\" using v1:"
                                + " .spec.ports[port=80,protocol=\"TCP\"].targetPort")
                        .value("/spec/ports/0/targetPort", "8081")
                        .check(state -> assertThat(state.lastApply.conflicts()).singleElement().satisfies(conflict -> {
                            assertThat(conflict.causeMessage()).isEqualTo("conflict with \"kubectl-edit\" using v1");
                            assertThat(conflict.field()).hasToString(".spec.ports[port=80,protocol=\"TCP\"].targetPort");
                        })),

                Scenario.named("force takes the field back; the updater keeps what it still holds")
                        .apply("kubectl", SERVICE)
                        .update("kubectl-edit", "{metadata: {labels: {owner: team-a}}, spec: {ports: [{name: http, port: 80, targetPort: 8081,"
                                + " protocol: TCP}, {name: metrics, port: 9090, targetPort: 9090, protocol: TCP}]}}")
                        .forceApply("kubectl", SERVICE)
                        .value("/spec/ports/0/targetPort", "8080")
                        .value("/metadata/labels", "{app: web, tier: frontend, owner: team-a}")
                        .owns("kubectl", APPLY, SERVICE_FIELDS)
                        .owns("kubectl-edit", UPDATE, """
                                f:metadata:
                                  f:labels:
                                    f:owner: {}
                                """),

                Scenario.named("force takes a field from another applier, who no longer owns it")
                        .apply("kubectl", SERVICE)
                        .forceApply("deployer", """
                                apiVersion: v1
                                kind: Service
                                metadata: {name: web, namespace: default}
                                spec:
                                  ports:
                                  - {port: 80, targetPort: 8081}
                                """)
                        .value("/spec/ports/0", "{name: http, port: 80, targetPort: 8081, protocol: TCP}")
                        .owns("deployer", APPLY, """
                                f:spec:
                                  f:ports:
                                    k:{"port":80,"protocol":"TCP"}:
                                      .: {}
                                      f:port: {}
                                      f:targetPort: {}
                                """)
                        .owns("kubectl", APPLY, """
                                f:metadata:
                                  f:labels:
                                    f:app: {}
                                    f:tier: {}
                                f:spec:
                                  f:ports:
                                    k:{"port":80,"protocol":"TCP"}:
                                      .: {}
                                      f:name: {}
                                      f:port: {}
                                    k:{"port":9090,"protocol":"TCP"}:
                                      .: {}
                                      f:name: {}
                                      f:port: {}
                                      f:targetPort: {}
                                  f:selector: {}
                                """),

                Scenario.named("two appliers setting the same value both own it, and it stays while one still applies it")
                        .apply("kubectl", SERVICE)
                        .apply("platform", """
                                apiVersion: v1
                                kind: Service
                                metadata:
                                  name: web
                                  namespace: default
                                  labels: {tier: frontend}
                                spec:
                                  selector: {app: web}
                                """)
                        .owns("platform", APPLY, """
                                f:metadata:
                                  f:labels:
                                    f:tier: {}
                                f:spec:
                                  f:selector: {}
                                """)
                        // the object did not change, so kube-apiserver records no time for the new entry
                        .time("platform", APPLY, null)
                        .apply("kubectl", SERVICE_SMALLER)
                        .value("/metadata/labels", "{app: web, tier: frontend}")
                        .value("/spec/selector", "{app: web}"),

                Scenario.named("the selector is atomic: another value is one conflict on the whole selector")
                        .apply("kubectl", SERVICE)
                        .applyConflicting("platform", """
                                apiVersion: v1
                                kind: Service
                                metadata: {name: web, namespace: default}
                                spec:
                                  selector: {app: web, track: stable}
                                """)
                        .conflictMessage("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.selector"),

                Scenario.named("conflicts with two managers are listed by manager")
                        .apply("kubectl", SERVICE)
                        .update("kubectl-label", "{metadata: {labels: {tier: backend}}}")
                        .applyConflicting("platform", """
                                apiVersion: v1
                                kind: Service
                                metadata:
                                  name: web
                                  namespace: default
                                  labels: {tier: db}
                                spec:
                                  selector: {app: db}
                                  ports:
                                  - {port: 9090, targetPort: 9091}
                                """)
                        .conflictMessage("""
                                Apply failed with 3 conflicts: conflicts with "kubectl":
                                - .spec.selector
                                - .spec.ports[port=9090,protocol="TCP"].targetPort
                                conflicts with "kubectl-label" using v1:
                                - .metadata.labels.tier"""),

                Scenario.named("status is not owned through the main resource")
                        .apply("kubectl", SERVICE.replace("spec:\n", "status:\n  loadBalancer:\n    ingress:\n    - ip: 192.0.2.10\nspec:\n"))
                        .owns("kubectl", APPLY, SERVICE_FIELDS),

                Scenario.named("a controller that scaled the Deployment keeps replicas when the applier drops them")
                        .apply("kubectl", DEPLOYMENT)
                        .update("hpa", "{spec: {replicas: 5}}")
                        .apply("kubectl", DEPLOYMENT_WITHOUT_REPLICAS)
                        .value("/spec/replicas", "5")
                        .owns("hpa", UPDATE, """
                                f:spec:
                                  f:replicas: {}
                                """)
                        .owns("kubectl", APPLY, """
                                f:spec:
                                  f:selector: {}
                                  f:template:
                                    f:metadata:
                                      f:labels:
                                        f:app: {}
                                    f:spec:
                                      f:containers:
                                        k:{"name":"app"}:
                                          .: {}
                                          f:image: {}
                                          f:name: {}
                                          f:ports:
                                            k:{"containerPort":8080,"protocol":"TCP"}:
                                              .: {}
                                              f:containerPort: {}
                                """),

                Scenario.named("an applier that still sets replicas conflicts with the controller that scaled")
                        .apply("kubectl", DEPLOYMENT)
                        .update("hpa", "{spec: {replicas: 5}}")
                        .applyConflicting("kubectl", DEPLOYMENT)
                        .conflictMessage("Apply failed with 1 conflict: conflict with \"hpa\" using apps/v1: .spec.replicas"),

                Scenario.named("containers merge by name: a sidecar applier and the app applier each keep their own")
                        .apply("kubectl", DEPLOYMENT)
                        .apply("sidecar-injector", """
                                apiVersion: apps/v1
                                kind: Deployment
                                metadata: {name: web, namespace: default}
                                spec:
                                  template:
                                    spec:
                                      containers:
                                      - name: proxy
                                        image: envoy:1.30
                                """)
                        .apply("kubectl", DEPLOYMENT.replace("nginx:1.27", "nginx:1.28"))
                        .value("/spec/template/spec/containers", """
                                - {name: app, image: "nginx:1.28", ports: [{containerPort: 8080}]}
                                - {name: proxy, image: "envoy:1.30"}
                                """)
                        .owns("sidecar-injector", APPLY, """
                                f:spec:
                                  f:template:
                                    f:spec:
                                      f:containers:
                                        k:{"name":"proxy"}:
                                          .: {}
                                          f:image: {}
                                          f:name: {}
                                """),

                Scenario.named("dropping a container removes it, and only it")
                        .apply("kubectl", DEPLOYMENT_WITH_EXPORTER)
                        .value("/spec/template/spec/containers/1/name", "exporter")
                        .apply("kubectl", DEPLOYMENT)
                        .value("/spec/template/spec/containers", "[{name: app, image: \"nginx:1.27\", ports: [{containerPort: 8080}]}]"),

                Scenario.named("the Deployment selector is atomic")
                        .apply("kubectl", DEPLOYMENT)
                        .update("kubectl-edit", "{spec: {selector: {matchLabels: {app: web, track: stable}}}}")
                        .applyConflicting("kubectl", DEPLOYMENT)
                        .conflictMessage("Apply failed with 1 conflict: conflict with \"kubectl-edit\" using apps/v1: .spec.selector"),

                Scenario.named("an object stored without managed fields first gets a before-first-apply entry for all it holds")
                        .stored("""
                                apiVersion: v1
                                kind: Service
                                metadata:
                                  name: web
                                  namespace: default
                                  labels: {app: web}
                                spec:
                                  selector: {app: web}
                                  ports:
                                  - {port: 80, targetPort: 8080}
                                """)
                        .apply("kubectl", SERVICE)
                        .managers("kubectl/Apply", "before-first-apply/Update")
                        .owns("before-first-apply", UPDATE, """
                                f:metadata:
                                  f:labels:
                                    .: {}
                                    f:app: {}
                                f:spec:
                                  f:clusterIP: {}
                                  f:ports:
                                    .: {}
                                    k:{"port":80,"protocol":"TCP"}:
                                      .: {}
                                      f:port: {}
                                      f:protocol: {}
                                      f:targetPort: {}
                                  f:selector: {}
                                  f:type: {}
                                """)
                        .owns("kubectl", APPLY, SERVICE_FIELDS))
                .map(scenario -> Arguments.of(named(scenario.toString(), scenario)));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void appliesAsKubeApiserver(Scenario scenario) {
        scenario.run();
    }

    private static Arguments malformed(String name, @Nullable String live, String config, String message) {
        return Arguments.of(named(name, live == null ? null : ServerSideApply.apply(null, Fixtures.yaml(live), "kubectl", false, Scenario.T0).object()),
                Fixtures.yaml(config), message);
    }

    static Stream<Arguments> malformedConfigurations() {
        return Stream.of(
                malformed("another kind than the live object", SERVICE, DEPLOYMENT, "invalid object type: apps/v1, Kind=Deployment"),
                malformed("managed fields in the configuration", null,
                        "{apiVersion: v1, kind: Service, metadata: {name: web, managedFields: []}}", "metadata.managedFields must be nil"),
                malformed("no kind", null, "{apiVersion: v1, metadata: {name: web}}", "Object 'Kind' is missing in"),
                malformed("no apiVersion", null, "{kind: Service, metadata: {name: web}}", "Object 'apiVersion' is missing in"),
                malformed("a port listed twice", null, """
                        apiVersion: v1
                        kind: Service
                        metadata: {name: web}
                        spec:
                          ports:
                          - {name: a, port: 80}
                          - {name: b, port: 80, protocol: TCP}
                        """, ".spec.ports: duplicate entries for key [port=80,protocol=\"TCP\"]"),
                malformed("a container without a name", null, """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            spec:
                              containers:
                              - image: nginx
                        """, ".spec.template.spec.containers: element 0: associative list with keys has an element that omits all key fields"
                        + " [\"name\"] (and doesn't have default values for any key fields)"),
                malformed("an object in the finalizer set", null, "{apiVersion: v1, kind: Service, metadata: {name: web, finalizers: [{a: b}]}}",
                        ".metadata.finalizers: element 0: associative list without keys has an element that's a map type"));
    }

    @ParameterizedTest
    @MethodSource("malformedConfigurations")
    void malformedConfigurationsAreRejected(@Nullable JsonNode live, JsonNode config, String message) {
        assertThatThrownBy(() -> ServerSideApply.apply(live, config, "kubectl", false, Scenario.T0))
                .isInstanceOf(PatchException.class)
                .hasMessageStartingWith(message);
    }
}
