package io.kubeplane.patch;

import static io.kubeplane.patch.Json.json;
import static io.kubeplane.patch.Json.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The patches a client-side {@code kubectl apply} sends, byte for byte, applied to the live Service.
 *
 * <p>How the golden files in {@code golden/kubectl-apply/} were made: the live object
 * ({@code documents/service.json}, ClusterIP {@code 10.96.0.42}) is {@code service-v1.yaml} as
 * created with {@code --save-config}, plus the fields the server defaults. kubectl 1.32.4 ran
 * {@code kubectl apply --validate=false -f service-v2-*.yaml} against a recording HTTP server that
 * served that object; {@code *.patch.json} is the body of the {@code PATCH} it sent
 * ({@code application/strategic-merge-patch+json}, the three-way diff of last-applied, new and live
 * configuration). {@code *.result.json} is {@code kubectl patch --local --type strategic} of that
 * body on the live object, i.e. apimachinery's own result.
 *
 * <p>The shape to expect from kubectl: the new last-applied annotation, {@code null} for a removed
 * label, {@code $setElementOrder/ports} with every port of the new configuration, and for a changed
 * merge key a new element plus {@code {"$patch":"delete","port":80}} for the old one.
 */
class KubectlApplyPatchTest {

    static Stream<Arguments> applies() {
        return Stream.of(
                Arguments.of(named("port 80 becomes 8080 and label tier is removed", "service-v2-port-changed")),
                Arguments.of(named("targetPort of port 80 changes and label tier is removed", "service-v2-target-port-changed")));
    }

    @ParameterizedTest
    @MethodSource("applies")
    void resultMatchesKubernetes(String golden) {
        JsonNode live = resource("documents/service.json");
        JsonNode patch = resource("golden/kubectl-apply/" + golden + ".patch.json");

        JsonNode result = StrategicMergePatch.apply(live, patch);

        assertThat(result).isEqualTo(resource("golden/kubectl-apply/" + golden + ".result.json"));
    }

    @ParameterizedTest
    @MethodSource("applies")
    void patchHasTheThreeWayShape(String golden) {
        JsonNode patch = resource("golden/kubectl-apply/" + golden + ".patch.json");

        assertThat(patch.at("/metadata/labels")).isEqualTo(json("{'tier':null}"));
        assertThat(patch.at("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration").asString())
                .startsWith("{\"apiVersion\":\"v1\",\"kind\":\"Service\"").endsWith("}\n");
        assertThat(patch.at("/spec/$setElementOrder~1ports")).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("applies")
    void removesTheLabelAndKeepsServerDefaults(String golden) {
        JsonNode result = StrategicMergePatch.apply(resource("documents/service.json"),
                resource("golden/kubectl-apply/" + golden + ".patch.json"));

        assertThat(result.at("/metadata/labels")).isEqualTo(json("{'app':'web'}"));
        assertThat(result.at("/spec/clusterIP").asString()).isEqualTo("10.96.0.42");
        assertThat(result.at("/spec/ports/1")).isEqualTo(json("{'name':'metrics','port':9090,'protocol':'TCP','targetPort':9090}"));
    }
}
