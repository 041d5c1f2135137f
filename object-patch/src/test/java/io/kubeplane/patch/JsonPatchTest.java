package io.kubeplane.patch;

import static io.kubeplane.patch.Json.json;
import static io.kubeplane.patch.Json.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** JSON patch on a Deployment ({@code documents/deployment.json}, 3 replicas, strategy RollingUpdate). */
class JsonPatchTest {

    static Stream<Arguments> patches() {
        return Stream.of(
                Arguments.of(named("replace replicas", "[{'op':'replace','path':'/spec/replicas','value':5}]"),
                        "/spec/replicas", "5"),
                Arguments.of(named("add a label, escaping the slash",
                                "[{'op':'add','path':'/metadata/labels/app.kubernetes.io~1name','value':'web'}]"),
                        "/metadata/labels", "{'app':'web','app.kubernetes.io/name':'web'}"),
                Arguments.of(named("append a container port with -",
                                "[{'op':'add','path':'/spec/template/spec/containers/0/ports/-','value':{'containerPort':9090}}]"),
                        "/spec/template/spec/containers/0/ports", "[{'containerPort':8080},{'containerPort':9090}]"),
                Arguments.of(named("remove the rolling update parameters",
                                "[{'op':'remove','path':'/spec/strategy/rollingUpdate'},"
                                        + "{'op':'replace','path':'/spec/strategy/type','value':'Recreate'}]"),
                        "/spec/strategy", "{'type':'Recreate'}"),
                Arguments.of(named("copy then move",
                                "[{'op':'copy','from':'/metadata/labels','path':'/metadata/annotations'},"
                                        + "{'op':'move','from':'/metadata/annotations/app','path':'/metadata/annotations/moved'}]"),
                        "/metadata/annotations", "{'moved':'web'}"),
                Arguments.of(named("test passes, then replace",
                                "[{'op':'test','path':'/spec/replicas','value':3},"
                                        + "{'op':'replace','path':'/spec/replicas','value':1}]"),
                        "/spec/replicas", "1"),
                Arguments.of(named("test compares numbers by value",
                                "[{'op':'test','path':'/spec/replicas','value':3.0}]"),
                        "/spec/replicas", "3"),
                Arguments.of(named("an empty patch changes nothing", "[]"), "/spec/replicas", "3"));
    }

    @ParameterizedTest
    @MethodSource("patches")
    void appliesOperationsInOrder(String patch, String pointer, String expected) {
        JsonNode deployment = resource("documents/deployment.json");
        JsonNode before = deployment.deepCopy();

        JsonNode result = JsonPatch.apply(deployment, json(patch));

        assertThat(result.at(pointer)).isEqualTo(json(expected));
        assertThat(deployment).isEqualTo(before);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(named("failing test", "[{'op':'test','path':'/spec/replicas','value':4}]"),
                        "json patch operation 0 (test /spec/replicas) failed: value is 3, expected 4"),
                Arguments.of(named("test of a missing path",
                                "[{'op':'replace','path':'/spec/replicas','value':4},{'op':'test','path':'/spec/paused','value':false}]"),
                        "json patch operation 1 (test /spec/paused) failed: no value at /spec/paused"),
                Arguments.of(named("replace of a missing member", "[{'op':'replace','path':'/spec/paused','value':true}]"),
                        "json patch operation 0 (replace /spec/paused) failed: Missing field \"paused\""),
                Arguments.of(named("remove of a missing member", "[{'op':'remove','path':'/metadata/annotations'}]"),
                        "json patch operation 0 (remove /metadata/annotations) failed: Missing field annotations"),
                Arguments.of(named("add under a missing parent", "[{'op':'add','path':'/status/missing/x','value':1}]"),
                        "json patch operation 0 (add /status/missing/x) failed: Missing field \"missing\""),
                Arguments.of(named("index past the end", "[{'op':'add','path':'/status/conditions/5','value':{}}]"),
                        "json patch operation 0 (add /status/conditions/5) failed: Array index 5 out of bounds"),
                Arguments.of(named("unknown operation", "[{'op':'merge','path':'/spec','value':{}}]"),
                        "json patch operation 0 (merge /spec) failed: unknown / unsupported operation merge"),
                Arguments.of(named("operation without op", "[{'path':'/spec'}]"),
                        "json patch operation 0 (? /spec) failed: Invalid JSON Patch payload (missing 'op' field)"),
                Arguments.of(named("add without value", "[{'op':'add','path':'/spec/paused'}]"),
                        "json patch operation 0 (add /spec/paused) failed: Invalid JSON Patch payload (missing 'value' field)"),
                Arguments.of(named("path without leading slash", "[{'op':'add','path':'spec','value':1}]"),
                        "json patch operation 0 (add spec) is invalid: Missing leading slash"),
                Arguments.of(named("operation that is not an object", "['add']"),
                        "json patch operation 0 must be an object, not string"),
                Arguments.of(named("patch that is not an array", "{'op':'add'}"),
                        "json patch must be an array of operations, not object"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void failsWithTheOperationNamed(String patch, String message) {
        JsonNode deployment = resource("documents/deployment.json");

        assertThatThrownBy(() -> JsonPatch.apply(deployment, json(patch)))
                .isInstanceOf(PatchException.class)
                .hasMessage(message);
    }

    @Test
    void testMatchesNumbersWhateverTheirJacksonType() {
        // A tree built from a fabric8 object holds metadata.generation (a Long) as a LongNode.
        ObjectNode metadata = JsonNodeFactory.instance.objectNode().put("generation", 7L);
        JsonNode object = JsonNodeFactory.instance.objectNode().set("metadata", metadata);

        JsonNode result = JsonPatch.apply(object, json("[{'op':'test','path':'/metadata/generation','value':7}]"));

        assertThat(result).isEqualTo(object);
    }
}
