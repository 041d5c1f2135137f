package io.kubeplane.patch.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.util.stream.Stream;

import io.kubeplane.patch.PatchSchemas;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * What changed between two Services, as structured-merge-diff's {@code Compare} reports it: leaves as
 * added, modified or removed, a granular list or object itself added or removed only when absent on
 * one side, null and empty values told apart from absent ones. Field sets are written in YAML as
 * {@code fieldsV1}.
 */
class ComparisonTest {

    private static final TypeRef SERVICE = TypeRef.root(PatchSchemas.SERVICE);

    private static Arguments compare(String name, @Nullable String before, String after, String added, String modified, String removed) {
        return Arguments.of(named(name, before == null ? null : Fixtures.yaml(before)), Fixtures.yaml(after),
                FieldSet.fromJson(Fixtures.yaml(added)), FieldSet.fromJson(Fixtures.yaml(modified)), FieldSet.fromJson(Fixtures.yaml(removed)));
    }

    static Stream<Arguments> comparisons() {
        return Stream.of(
                compare("the same object", "{spec: {ports: [{port: 80}]}}", "{spec: {ports: [{port: 80}]}}", "{}", "{}", "{}"),
                compare("a port added to a list", "{spec: {ports: [{port: 80}]}}", "{spec: {ports: [{port: 80}, {port: 81}]}}",
                        "{f:spec: {f:ports: {'k:{\"port\":81,\"protocol\":\"TCP\"}': {.: {}, f:port: {}}}}}", "{}", "{}"),
                compare("the first port: the list itself is added", "{spec: {}}", "{spec: {ports: [{port: 80}]}}",
                        "{f:spec: {f:ports: {.: {}, 'k:{\"port\":80,\"protocol\":\"TCP\"}': {.: {}, f:port: {}}}}}", "{}", "{}"),
                compare("a null list is present: only its elements are added", "{spec: {ports: null}}", "{spec: {ports: [{port: 80}]}}",
                        "{f:spec: {f:ports: {'k:{\"port\":80,\"protocol\":\"TCP\"}': {.: {}, f:port: {}}}}}", "{}", "{}"),
                compare("the last port removed with the list", "{spec: {ports: [{port: 80, targetPort: 8080}]}}", "{spec: {}}",
                        "{}", "{}", "{f:spec: {f:ports: {.: {}, 'k:{\"port\":80,\"protocol\":\"TCP\"}': {.: {}, f:port: {}, f:targetPort: {}}}}}"),
                compare("a target port changed", "{spec: {ports: [{port: 80, targetPort: 8080}]}}", "{spec: {ports: [{port: 80, targetPort: 9090}]}}",
                        "{}", "{f:spec: {f:ports: {'k:{\"port\":80,\"protocol\":\"TCP\"}': {f:targetPort: {}}}}}", "{}"),
                compare("80 and 80.0 are the same value", "{spec: {ports: [{port: 80, targetPort: 8080}]}}", "{spec: {ports: [{port: 80.0, targetPort: 8080.0}]}}",
                        "{}", "{}", "{}"),
                compare("an atomic selector changes as one value", "{spec: {selector: {app: web}}}", "{spec: {selector: {app: web, track: stable}}}",
                        "{}", "{f:spec: {f:selector: {}}}", "{}"),
                compare("empty and null are different leaves", "{spec: {selector: {}}}", "{spec: {selector: null}}",
                        "{}", "{f:spec: {f:selector: {}}}", "{}"),
                compare("an object replaced by a string: its parts go, the field is modified", "{metadata: {labels: {app: web}}}", "{metadata: {labels: oops}}",
                        "{}", "{f:metadata: {f:labels: {}}}", "{f:metadata: {f:labels: {f:app: {}}}}"),
                compare("a label map added", "{metadata: {name: web}}", "{metadata: {name: web, labels: {app: web}}}",
                        "{f:metadata: {f:labels: {.: {}, f:app: {}}}}", "{}", "{}"),
                compare("a duplicated port on both sides compares as one value", "{spec: {ports: [{port: 80, name: a}, {port: 80, name: b}]}}",
                        "{spec: {ports: [{port: 80, name: a}, {port: 80, name: c}]}}",
                        "{}", "{f:spec: {f:ports: {'k:{\"port\":80,\"protocol\":\"TCP\"}': {}}}}", "{}"),
                compare("a duplicate resolved: the duplicate marker goes, the port comes back with its fields", "{spec: {ports: [{port: 80, name: a}, {port: 80, name: b}]}}",
                        "{spec: {ports: [{port: 80, name: a}]}}",
                        "{f:spec: {f:ports: {'k:{\"port\":80,\"protocol\":\"TCP\"}': {.: {}, f:name: {}, f:port: {}}}}}", "{}",
                        "{f:spec: {f:ports: {'k:{\"port\":80,\"protocol\":\"TCP\"}': {}}}}"));
    }

    @ParameterizedTest
    @MethodSource("comparisons")
    void reportsWhatChanged(@Nullable JsonNode before, JsonNode after,
            FieldSet added, FieldSet modified, FieldSet removed) {
        Comparison comparison = Comparison.of(before, after, SERVICE);
        assertThat(comparison.added()).as("added").isEqualTo(added);
        assertThat(comparison.modified()).as("modified").isEqualTo(modified);
        assertThat(comparison.removed()).as("removed").isEqualTo(removed);
    }
}
