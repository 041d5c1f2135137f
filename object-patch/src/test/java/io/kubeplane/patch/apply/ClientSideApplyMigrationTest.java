package io.kubeplane.patch.apply;

import static io.kubeplane.patch.apply.ManagedFieldsEntry.Operation.APPLY;
import static io.kubeplane.patch.apply.ManagedFieldsEntry.Operation.UPDATE;
import static org.junit.jupiter.api.Named.named;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Moving a Service from {@code kubectl apply} to {@code kubectl apply --server-side}, as
 * kube-apiserver lets the field manager {@code kubectl} do it: fields the client-side
 * {@code last-applied-configuration} still matches are taken without conflict, and the annotation
 * follows the server-side configuration. ClusterIPs are in {@code 10.96.0.0/12}.
 */
class ClientSideApplyMigrationTest {

    /** What a client-side {@code kubectl apply -f} of the Service creates: the annotation as kubectl writes it. */
    static final String CLIENT_SIDE_CREATE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: default
              annotations:
                kubectl.kubernetes.io/last-applied-configuration: |
                  {"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"labels":{"app":"web","tier":"frontend"},"name":"web","namespace":"default"},"spec":{"ports":[{"name":"http","port":80,"targetPort":8080},{"name":"metrics","port":9090,"targetPort":9090}],"selector":{"app":"web"}}}
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

    static final String SERVER_SIDE = ServerSideApplyTest.SERVICE.replace("targetPort: 8080", "targetPort: 8081");

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Scenario.named("kubectl takes the fields the annotation still matches, and the annotation follows")
                        .create("kubectl-client-side-apply", CLIENT_SIDE_CREATE)
                        .apply("kubectl", SERVER_SIDE)
                        .value("/spec/ports/0/targetPort", "8081")
                        .value("/metadata/annotations", """
                                kubectl.kubernetes.io/last-applied-configuration: |
                                  {"apiVersion":"v1","kind":"Service","metadata":{"labels":{"app":"web","tier":"frontend"},"name":"web","namespace":"default"},"spec":{"ports":[{"name":"http","port":80,"targetPort":8081},{"name":"metrics","port":9090,"targetPort":9090}],"selector":{"app":"web"}}}
                                """)
                        .owns("kubectl", APPLY, ServerSideApplyTest.SERVICE_FIELDS)
                        .owns("kubectl-client-side-apply", UPDATE, """
                                f:metadata:
                                  f:annotations:
                                    .: {}
                                    f:kubectl.kubernetes.io/last-applied-configuration: {}
                                  f:labels:
                                    .: {}
                                    f:app: {}
                                    f:tier: {}
                                f:spec:
                                  f:ports:
                                    .: {}
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

                Scenario.named("another field manager gets the conflicts")
                        .create("kubectl-client-side-apply", CLIENT_SIDE_CREATE)
                        .applyConflicting("argocd", SERVER_SIDE)
                        .conflictMessage("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using v1:"
                                + " .spec.ports[port=80,protocol=\"TCP\"].targetPort"),

                Scenario.named("a field changed since the last client-side apply still conflicts")
                        .create("kubectl-client-side-apply", CLIENT_SIDE_CREATE)
                        .update("kubectl-edit", "{metadata: {labels: {tier: backend}}}")
                        .applyConflicting("kubectl", SERVER_SIDE)
                        .conflictMessage("Apply failed with 1 conflict: conflict with \"kubectl-edit\" using v1: .metadata.labels.tier"),

                Scenario.named("without an annotation there is nothing to follow")
                        .apply("kubectl", ServerSideApplyTest.SERVICE)
                        .apply("kubectl", SERVER_SIDE)
                        .absent("/metadata/annotations"))
                .map(scenario -> Arguments.of(named(scenario.toString(), scenario)));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void migratesAsKubeApiserver(Scenario scenario) {
        scenario.run();
    }
}
