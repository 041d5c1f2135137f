package io.kubeplane.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubeplane.model.KubernetesJson;
import io.kubeplane.model.validation.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Bindings as kube-scheduler posts them, and the pods they bind. The binding is made at 12:00. */
class PodBindingTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private static PodBinding binding(String json) {
        return PodBinding.parse(KubernetesJson.JSON.readTree(json));
    }

    private static ObjectNode pod(String json) {
        return (ObjectNode) KubernetesJson.JSON.readTree(json);
    }

    static Stream<Arguments> targets() {
        return Stream.of(
                row("a node, as kube-scheduler names it", """
                        {"metadata":{"name":"web-1"},"target":{"kind":"Node","name":"node-1"}}"""),
                row("a node without a kind", """
                        {"metadata":{"name":"web-1"},"target":{"name":"node-1"}}"""),
                row("a Service", """
                        {"metadata":{"name":"web-1"},"target":{"kind":"Service","name":"web"}}""",
                        "target.kind: Unsupported value: \"Service\": supported values: \"Node\", \"<empty>\""),
                row("a node without a name", """
                        {"metadata":{"name":"web-1"},"target":{"kind":"Node"}}""",
                        "target.name: Required value"),
                row("no target at all", """
                        {"metadata":{"name":"web-1"}}""",
                        "target.name: Required value"));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void aBindingTargetsANodeByName(String json, List<String> errors) {
        assertThat(binding(json).validate()).extracting(FieldError::message).containsExactlyElementsOf(errors);
    }

    @Test
    void readsNameUidVersionAndAnnotations() {
        PodBinding binding = binding("""
                {"kind":"Binding","apiVersion":"v1","metadata":{"name":"web-1","namespace":"default",
                  "uid":"0b5f0c1e-0000-4000-8000-000000000001","resourceVersion":"42","annotations":{"a":"1"}},
                 "target":{"apiVersion":"v1","kind":"Node","name":"node-1"}}""");

        assertThat(binding).isEqualTo(new PodBinding("web-1", "0b5f0c1e-0000-4000-8000-000000000001", "42", "Node",
                "node-1", Map.of("a", "1")));
    }

    @Test
    void bindingSetsTheNodeTheAnnotationsAndPodScheduled() {
        ObjectNode pending = pod("""
                {"metadata":{"name":"web-1","annotations":{"kept":"yes"}},
                 "spec":{"containers":[{"name":"c","image":"nginx"}]},
                 "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable",
                   "message":"0/1 nodes are available","lastTransitionTime":"2025-03-01T11:00:00Z"}]}}""");
        String before = pending.toString();

        JsonNode bound = binding("""
                {"metadata":{"name":"web-1","annotations":{"scheduler/decision":"fewest pods"}},
                 "target":{"kind":"Node","name":"node-1"}}""").applyTo(pending, NOW);

        assertThat(bound.at("/spec/nodeName").asString()).isEqualTo("node-1");
        assertThat(bound.at("/metadata/annotations").toString()).isEqualTo("{\"kept\":\"yes\",\"scheduler/decision\":\"fewest pods\"}");
        assertThat(bound.at("/status/conditions").toString()).isEqualTo("""
                [{"type":"PodScheduled","status":"True","lastProbeTime":null,"lastTransitionTime":"2025-03-01T12:00:00Z"}]""");
        assertThat(pending.toString()).as("the pod read from the store is not changed").isEqualTo(before);
    }

    @Test
    void aPodScheduledTrueKeepsItsTransitionTime() {
        ObjectNode pending = pod("""
                {"metadata":{"name":"web-1"},"spec":{},"status":{"conditions":[
                  {"type":"Initialized","status":"True"},
                  {"type":"PodScheduled","status":"True","lastTransitionTime":"2025-03-01T11:00:00Z"}]}}""");

        JsonNode bound = binding("{\"metadata\":{\"name\":\"web-1\"},\"target\":{\"name\":\"node-1\"}}").applyTo(pending, NOW);

        assertThat(bound.at("/status/conditions/0/type").asString()).isEqualTo("Initialized");
        assertThat(bound.at("/status/conditions/1/lastTransitionTime").asString()).isEqualTo("2025-03-01T11:00:00Z");
        assertThat(bound.at("/status/conditions").size()).isEqualTo(2);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(Named.of("a pod already bound", """
                        {"metadata":{"name":"web-1"},"spec":{"nodeName":"node-2"}}"""),
                        "pod web-1 is already assigned to node \"node-2\""),
                Arguments.of(Named.of("a pod being deleted", """
                        {"metadata":{"name":"web-1","deletionTimestamp":"2025-03-01T12:00:30Z"},"spec":{"nodeName":"node-2"}}"""),
                        "pod web-1 is being deleted, cannot be assigned to a host"),
                Arguments.of(Named.of("a pod with scheduling gates", """
                        {"metadata":{"name":"web-1"},"spec":{"schedulingGates":[{"name":"example.com/quota"}]}}"""),
                        "pod web-1 has non-empty .spec.schedulingGates"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void aPodIsBoundOnlyOnce(String json, String why) {
        PodBinding binding = binding("{\"metadata\":{\"name\":\"web-1\"},\"target\":{\"kind\":\"Node\",\"name\":\"node-1\"}}");

        assertThatThrownBy(() -> binding.applyTo(pod(json), NOW)).isInstanceOf(PodBinding.Refused.class).hasMessage(why);
    }

    private static Arguments row(String situation, String json, String... errors) {
        return Arguments.of(Named.of(situation, json), List.of(errors));
    }
}
