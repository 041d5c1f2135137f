package io.kubeplane.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubeplane.model.KubernetesJson;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Bodies kubectl v1.32.4 really sent, decoded and compared with the JSON kubectl itself prints
 * for the same command ({@code --dry-run=client -o json}): the JSON it would have sent. How they
 * were recorded: {@code src/test/resources/protobuf/kubectl/README.md}.
 */
class KubectlBodiesTest {

    @ParameterizedTest(name = "kubectl {0}")
    @ValueSource(strings = {
        "create-namespace",
        "create-service-clusterip",
        "create-service-nodeport",
        "create-service-externalname",
        "create-service-headless",
        "create-deployment",
        "create-configmap",
        "create-secret",
        "create-serviceaccount",
        "create-quota"
    })
    void decodesToTheJsonKubectlWouldSend(String command) {
        byte[] body = resource(command + ".pb");
        JsonNode expected = KubernetesJson.JSON.readTree(resource(command + ".json"));

        assertThat(ProtobufBodies.hasMagic(body)).isTrue();
        assertThat(ProtobufBodies.decode(body)).isEqualTo(expected);
    }

    @Test
    void createNamespaceDecodesToKubectlsJsonBody() {
        assertThat(ProtobufBodies.decode(resource("create-namespace.pb"))).isEqualTo(Envelopes.json("""
                {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"demo","creationTimestamp":null},
                 "spec":{},"status":{}}
                """));
    }

    @Test
    void aJobIsAKindWithNoProtobufDecodingHere() {
        assertThatThrownBy(() -> ProtobufBodies.decode(resource("create-job.pb")))
                .isInstanceOfSatisfying(UnknownKindException.class, e -> {
                    assertThat(e.apiVersion()).isEqualTo("batch/v1");
                    assertThat(e.kind()).isEqualTo("Job");
                })
                .hasMessageContaining("batch/v1").hasMessageContaining("Job");
    }

    static byte[] resource(String name) {
        try (InputStream in = KubectlBodiesTest.class.getResourceAsStream("/protobuf/kubectl/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource protobuf/kubectl/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
