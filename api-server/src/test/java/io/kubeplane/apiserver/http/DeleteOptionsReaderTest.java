package io.kubeplane.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubeplane.apiserver.rest.DeleteOperation;
import io.kubeplane.apiserver.rest.DeleteOperation.Propagation;
import io.kubeplane.model.KubernetesJson;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** DeleteOptions as kubectl, client-go and fabric8 send them, in the body or the query. */
class DeleteOptionsReaderTest {

    private static final UUID UID = UUID.fromString("0b5f0c1e-0000-4000-8000-000000000001");

    static Stream<Arguments> requests() {
        return Stream.of(
                row("no body, no query", "{}", Map.of(), new DeleteOperation.Options(null, null, Propagation.BACKGROUND, false, null)),
                row("kubectl delete --grace-period=0 --force", """
                        {"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0,"propagationPolicy":"Background"}""",
                        Map.of(), new DeleteOperation.Options(null, null, Propagation.BACKGROUND, false, 0L)),
                row("kubectl delete --now", """
                        {"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":1,"propagationPolicy":"Background"}""",
                        Map.of(), new DeleteOperation.Options(null, null, Propagation.BACKGROUND, false, 1L)),
                row("a kubelet's final delete, with the pod's uid", """
                        {"gracePeriodSeconds":0,"preconditions":{"uid":"0b5f0c1e-0000-4000-8000-000000000001"}}""",
                        Map.of(), new DeleteOperation.Options(UID, null, Propagation.BACKGROUND, false, 0L)),
                row("grace and policy in the query", "{}", Map.of("gracePeriodSeconds", "15", "propagationPolicy", "Orphan"),
                        new DeleteOperation.Options(null, null, Propagation.ORPHAN, false, 15L)),
                row("the query wins over the body", "{\"gracePeriodSeconds\":30}", Map.of("gracePeriodSeconds", "0"),
                        new DeleteOperation.Options(null, null, Propagation.BACKGROUND, false, 0L)),
                row("null grace is the object's own", "{\"gracePeriodSeconds\":null,\"orphanDependents\":true}", Map.of(),
                        new DeleteOperation.Options(null, null, Propagation.ORPHAN, false, null)),
                row("a resourceVersion precondition in a dry run", "{\"preconditions\":{\"resourceVersion\":\"42\"}}",
                        Map.of("dryRun", "All"), new DeleteOperation.Options(null, 42L, Propagation.BACKGROUND, true, null)));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void readsTheOptions(String body, Map<String, String> query, DeleteOperation.Options expected) {
        ObjectNode tree = (ObjectNode) KubernetesJson.JSON.readTree(body);

        assertThat(DeleteOptionsReader.read(tree, query::get, query.containsKey("dryRun"))).isEqualTo(expected);
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("a grace period that is not a number", "{}", Map.of("gracePeriodSeconds", "soon"),
                        "gracePeriodSeconds: Invalid value: \"soon\": must be an integer"),
                bad("a grace period as a string in the body", "{\"gracePeriodSeconds\":\"30\"}", Map.of(),
                        "gracePeriodSeconds: Invalid value: \"30\": must be an integer"),
                bad("an unknown policy", "{\"propagationPolicy\":\"Later\"}", Map.of(),
                        "propagationPolicy: Unsupported value: \"Later\": supported values: \"Background\", \"Foreground\", \"Orphan\""),
                bad("a uid that is not one", "{\"preconditions\":{\"uid\":\"web\"}}", Map.of(),
                        "preconditions.uid: not a uid: web"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void refusesWhatItCannotRead(String body, Map<String, String> query, String message) {
        ObjectNode tree = (ObjectNode) KubernetesJson.JSON.readTree(body);

        assertThatThrownBy(() -> DeleteOptionsReader.read(tree, query::get, false))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    private static Arguments row(String situation, String body, Map<String, String> query, DeleteOperation.Options expected) {
        return Arguments.of(Named.of(situation, body), query, expected);
    }

    private static Arguments bad(String situation, String body, Map<String, String> query, String message) {
        return Arguments.of(Named.of(situation, body), query, message);
    }
}
