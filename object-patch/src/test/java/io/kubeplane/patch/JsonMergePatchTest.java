package io.kubeplane.patch;

import static io.kubeplane.patch.Json.json;
import static io.kubeplane.patch.Json.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** JSON merge patch: the RFC 7386 rules, on plain documents and on a Service. */
class JsonMergePatchTest {

    static Stream<Arguments> patches() {
        return Stream.of(
                Arguments.of(named("a member replaced", "{'a':'b'}"), "{'a':'c'}", "{'a':'c'}"),
                Arguments.of(named("a member added", "{'a':'b'}"), "{'b':'c'}", "{'a':'b','b':'c'}"),
                Arguments.of(named("null removes a member", "{'a':'b','b':'c'}"), "{'a':null}", "{'b':'c'}"),
                Arguments.of(named("null for an absent member changes nothing", "{'a':'b'}"), "{'x':null}", "{'a':'b'}"),
                Arguments.of(named("arrays are replaced", "{'a':[{'b':'c'}]}"), "{'a':[1]}", "{'a':[1]}"),
                Arguments.of(named("nested objects merge", "{'a':{'b':'c','d':'e'}}"), "{'a':{'b':null,'f':'g'}}",
                        "{'a':{'d':'e','f':'g'}}"),
                Arguments.of(named("an object replaces a scalar, losing its nulls", "{'a':'b'}"), "{'a':{'c':null,'d':1}}",
                        "{'a':{'d':1}}"),
                Arguments.of(named("nulls inside arrays are kept", "{}"), "{'a':[null,1]}", "{'a':[null,1]}"),
                Arguments.of(named("a non-object patch replaces the target", "{'a':'b'}"), "['c']", "['c']"),
                Arguments.of(named("an object patch on a non-object target", "['c']"), "{'a':'b','n':null}", "{'a':'b'}"),
                Arguments.of(named("an empty patch changes nothing", "{'a':{'b':1}}"), "{}", "{'a':{'b':1}}"));
    }

    @ParameterizedTest
    @MethodSource("patches")
    void followsRfc7386(String target, String patch, String expected) {
        JsonNode targetNode = json(target);
        JsonNode patchNode = json(patch);

        JsonNode result = JsonMergePatch.apply(targetNode, patchNode);

        assertThat(result).isEqualTo(json(expected));
        assertThat(targetNode).isEqualTo(json(target));
        assertThat(patchNode).isEqualTo(json(patch));
    }

    @Test
    void replacesServicePortsWholeAndDeletesALabel() {
        JsonNode service = resource("documents/service.json");

        JsonNode result = JsonMergePatch.apply(service,
                json("{'metadata':{'labels':{'tier':null}},'spec':{'ports':[{'name':'http','port':80,'targetPort':8081}]}}"));

        assertThat(result.at("/metadata/labels")).isEqualTo(json("{'app':'web'}"));
        assertThat(result.at("/spec/ports")).isEqualTo(json("[{'name':'http','port':80,'targetPort':8081}]"));
        assertThat(result.at("/spec/clusterIP").asString()).isEqualTo("10.96.0.42");
    }

    @Test
    void resultSharesNoNodesWithThePatch() {
        JsonNode patch = json("{'spec':{'selector':{'app':'web'}}}");

        JsonNode result = JsonMergePatch.apply(json("{}"), patch);
        ((tools.jackson.databind.node.ObjectNode) result.get("spec").get("selector")).put("app", "changed");

        assertThat(patch.at("/spec/selector/app").asString()).isEqualTo("web");
    }
}
