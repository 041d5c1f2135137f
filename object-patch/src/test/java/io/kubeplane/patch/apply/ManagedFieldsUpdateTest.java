package io.kubeplane.patch.apply;

import static io.kubeplane.patch.apply.ManagedFieldsEntry.Operation.APPLY;
import static io.kubeplane.patch.apply.ManagedFieldsEntry.Operation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ownership recorded for writes that are not applies (create, update, non-apply patch), as
 * kube-apiserver records it in {@code Update} entries. ClusterIPs are in {@code 10.96.0.0/12}.
 *
 * <p>The created objects are what {@code kubectl create deployment web --image=nginx} and
 * {@code kubectl expose deployment web --port=80 --target-port=8080} send, after the server's
 * defaulting; the expected fields are what kube-apiserver 1.32 records for them.
 */
class ManagedFieldsUpdateTest {

    /** {@code kubectl create deployment web --image=nginx}, decoded and defaulted. */
    static final String CREATED_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: default
              labels: {app: web}
            spec:
              progressDeadlineSeconds: 600
              replicas: 1
              revisionHistoryLimit: 10
              selector:
                matchLabels: {app: web}
              strategy:
                type: RollingUpdate
                rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: nginx
                    image: nginx
                    imagePullPolicy: Always
                    resources: {}
                    terminationMessagePath: /dev/termination-log
                    terminationMessagePolicy: File
                  dnsPolicy: ClusterFirst
                  restartPolicy: Always
                  schedulerName: default-scheduler
                  securityContext: {}
                  terminationGracePeriodSeconds: 30
            status: {}
            """;

    /** {@code kubectl expose deployment web --port=80 --target-port=8080}, decoded and defaulted. */
    static final String EXPOSED_SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: default
              labels: {app: web}
            spec:
              internalTrafficPolicy: Cluster
              ports:
              - {port: 80, protocol: TCP, targetPort: 8080}
              selector: {app: web}
              sessionAffinity: None
              type: ClusterIP
            status:
              loadBalancer: {}
            """;

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Scenario.named("kubectl create deployment owns what it sent and the defaults, containers item by item")
                        .create("kubectl-create", CREATED_DEPLOYMENT)
                        .managers("kubectl-create/Update")
                        .time("kubectl-create", UPDATE, Scenario.T0)
                        .owns("kubectl-create", UPDATE, """
                                f:metadata:
                                  f:labels:
                                    .: {}
                                    f:app: {}
                                f:spec:
                                  f:progressDeadlineSeconds: {}
                                  f:replicas: {}
                                  f:revisionHistoryLimit: {}
                                  f:selector: {}
                                  f:strategy:
                                    f:rollingUpdate:
                                      .: {}
                                      f:maxSurge: {}
                                      f:maxUnavailable: {}
                                    f:type: {}
                                  f:template:
                                    f:metadata:
                                      f:labels:
                                        .: {}
                                        f:app: {}
                                    f:spec:
                                      f:containers:
                                        k:{"name":"nginx"}:
                                          .: {}
                                          f:image: {}
                                          f:imagePullPolicy: {}
                                          f:name: {}
                                          f:resources: {}
                                          f:terminationMessagePath: {}
                                          f:terminationMessagePolicy: {}
                                      f:dnsPolicy: {}
                                      f:restartPolicy: {}
                                      f:schedulerName: {}
                                      f:securityContext: {}
                                      f:terminationGracePeriodSeconds: {}
                                """),

                Scenario.named("kubectl expose owns the ports list itself and each port by port and protocol")
                        .create("kubectl-expose", EXPOSED_SERVICE)
                        .owns("kubectl-expose", UPDATE, """
                                f:metadata:
                                  f:labels:
                                    .: {}
                                    f:app: {}
                                f:spec:
                                  f:internalTrafficPolicy: {}
                                  f:ports:
                                    .: {}
                                    k:{"port":80,"protocol":"TCP"}:
                                      .: {}
                                      f:port: {}
                                      f:protocol: {}
                                      f:targetPort: {}
                                  f:selector: {}
                                  f:sessionAffinity: {}
                                  f:type: {}
                                """),

                Scenario.named("an edit owns what it changed; the creator keeps the rest")
                        .create("kubectl-create", CREATED_DEPLOYMENT)
                        .update("kubectl-edit", "{spec: {template: {spec: {containers: [{name: nginx, image: 'nginx:1.27', imagePullPolicy: Always,"
                                + " resources: {}, terminationMessagePath: /dev/termination-log, terminationMessagePolicy: File}]}}}}")
                        .managers("kubectl-create/Update", "kubectl-edit/Update")
                        .owns("kubectl-edit", UPDATE, """
                                f:spec:
                                  f:template:
                                    f:spec:
                                      f:containers:
                                        k:{"name":"nginx"}:
                                          f:image: {}
                                """)
                        .check(state -> assertThat(state.managedFields().entry("kubectl-create", UPDATE).fields()
                                .has(FieldPath.of(PathElement.field("spec"), PathElement.field("template"), PathElement.field("spec"),
                                        PathElement.field("containers"), PathElement.key("name", "nginx"), PathElement.field("image"))))
                                .isFalse()),

                Scenario.named("a removed field leaves every owner")
                        .create("kubectl-expose", EXPOSED_SERVICE)
                        .update("kubectl-label", "{metadata: {labels: {tier: frontend}}}")
                        .update("kubectl-edit", "{metadata: {labels: null}}")
                        .absent("/metadata/labels")
                        .ownsNothing("kubectl-label", UPDATE)
                        .ownsNothing("kubectl-edit", UPDATE)
                        .check(state -> assertThat(state.managedFields().entry("kubectl-expose", UPDATE).fields().toJson())
                                .doesNotContain("f:labels")),

                Scenario.named("an update that changes nothing records nothing, and keeps the writer's time")
                        .create("kubectl-expose", EXPOSED_SERVICE)
                        .update("kubectl-expose", "{spec: {type: ClusterIP}}")
                        .update("kubectl-edit", "{metadata: {labels: {app: web}}}")
                        .managers("kubectl-expose/Update")
                        .time("kubectl-expose", UPDATE, Scenario.T0),

                Scenario.named("a status writer owns status fields through the status subresource only")
                        .create("kubectl-expose", EXPOSED_SERVICE.replace("type: ClusterIP", "type: LoadBalancer"))
                        .update("kubeplane-ipam", "{status: {loadBalancer: {ingress: [{ip: 127.0.0.240, ipMode: VIP}]}}}", "status")
                        .owns("kubeplane-ipam", UPDATE, """
                                f:status:
                                  f:loadBalancer:
                                    f:ingress: {}
                                """)
                        .check(state -> assertThat(state.managedFields().entry("kubeplane-ipam", UPDATE).subresource()).isEqualTo("status")),

                Scenario.named("a status write through the main resource is owned by nobody")
                        .create("kubectl-expose", EXPOSED_SERVICE)
                        .update("kubectl-edit", "{status: {loadBalancer: {ingress: [{ip: 127.0.0.240}]}}}")
                        .managers("kubectl-expose/Update"),

                Scenario.named("an update takes a field from an applier")
                        .apply("kubectl", ServerSideApplyTest.DEPLOYMENT)
                        .update("kubectl-scale", "{spec: {replicas: 5}}")
                        .owns("kubectl-scale", UPDATE, "f:spec: {f:replicas: {}}")
                        .check(state -> assertThat(state.managedFields().entry("kubectl", APPLY).fields().toJson())
                                .doesNotContain("f:replicas")),

                Scenario.named("an object stored without managed fields is not tracked by updates")
                        .stored(EXPOSED_SERVICE)
                        .update("kubectl-edit", "{spec: {sessionAffinity: ClientIP}}")
                        .absent("/metadata/managedFields"),

                Scenario.named("a client that sends managedFields: [] resets them")
                        .create("kubectl-expose", EXPOSED_SERVICE)
                        .update("kubectl-edit", "{metadata: {managedFields: []}, spec: {sessionAffinity: ClientIP}}")
                        .absent("/metadata/managedFields"),

                Scenario.named("a client may rewrite managedFields; its own entry is recorded on top")
                        .create("kubectl-expose", EXPOSED_SERVICE)
                        .update("migrator", """
                                metadata:
                                  managedFields:
                                  - manager: kubectl
                                    operation: Apply
                                    apiVersion: v1
                                    fieldsType: FieldsV1
                                    fieldsV1: {"f:spec": {"f:selector": {}}}
                                spec:
                                  sessionAffinity: ClientIP
                                """)
                        .managers("kubectl/Apply", "migrator/Update")
                        .owns("migrator", UPDATE, "f:spec: {f:sessionAffinity: {}}"),

                Scenario.named("invalid managedFields from a client are ignored for the stored ones")
                        .create("kubectl-expose", EXPOSED_SERVICE)
                        .update("kubectl-edit", """
                                metadata:
                                  managedFields:
                                  - manager: broken
                                    operation: Replace
                                    apiVersion: v1
                                    fieldsType: FieldsV1
                                spec:
                                  sessionAffinity: ClientIP
                                """)
                        .managers("kubectl-expose/Update", "kubectl-edit/Update"))
                .map(scenario -> Arguments.of(named(scenario.toString(), scenario)));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void recordsAsKubeApiserver(Scenario scenario) {
        scenario.run();
    }

    @Test
    void moreThanTenUpdatersMergeTheOldestIntoAncientChanges() {
        JsonNode object = ManagedFields.update(null, Fixtures.yaml(EXPOSED_SERVICE), "kubectl-expose", Scenario.T0, null);
        ((ObjectNode) object.get("metadata")).put("uid", "6f1c6a1e-2d7b-4c1e-9a43-0d8f3c5b7a10");
        for (int i = 1; i <= 11; i++) {
            JsonNode labelled = object.deepCopy();
            ((ObjectNode) labelled.get("metadata").get("labels")).put("label-" + i, "x");
            object = ManagedFields.update(object, labelled, "labeller-" + i, Scenario.T0.plusSeconds(60L * i), null);
        }
        ManagedFields managedFields = ManagedFields.read(object);
        assertThat(managedFields.entries()).hasSize(Recorder.MAX_UPDATE_MANAGERS);
        ManagedFieldsEntry ancient = managedFields.entries().getFirst();
        assertThat(ancient.manager()).isEqualTo("ancient-changes");
        assertThat(ancient.time()).isEqualTo(Scenario.T0.plusSeconds(120));
        assertThat(ancient.fields().toJson()).isEqualTo(FieldSet.fromJson(Fixtures.yaml("""
                f:metadata:
                  f:labels:
                    .: {}
                    f:app: {}
                    f:label-1: {}
                    f:label-2: {}
                f:spec:
                  f:internalTrafficPolicy: {}
                  f:ports:
                    .: {}
                    k:{"port":80,"protocol":"TCP"}:
                      .: {}
                      f:port: {}
                      f:protocol: {}
                      f:targetPort: {}
                  f:selector: {}
                  f:sessionAffinity: {}
                  f:type: {}
                """)).toJson());
        assertThat(managedFields.entries()).extracting(ManagedFieldsEntry::manager)
                .containsExactlyElementsOf(Stream.concat(Stream.of("ancient-changes"),
                        IntStream.rangeClosed(3, 11).mapToObj(i -> "labeller-" + i)).toList());
    }

    @Test
    void anObjectTheSchemaCannotReadKeepsItsStoredManagedFields() {
        JsonNode pod = ManagedFields.update(null, Fixtures.yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web-0, namespace: default}
                spec:
                  containers:
                  - {name: app, image: nginx}
                """), "kubectl-run", Scenario.T0, null);
        JsonNode broken = Fixtures.yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web-0, namespace: default, uid: 6f1c6a1e-2d7b-4c1e-9a43-0d8f3c5b7a10}
                spec:
                  containers:
                  - {image: nginx}
                """);
        JsonNode result = ManagedFields.update(pod, broken, "kubectl-edit", Scenario.T0.plusSeconds(60), null);
        assertThat(ManagedFields.read(result)).isEqualTo(ManagedFields.read(pod));
    }
}
