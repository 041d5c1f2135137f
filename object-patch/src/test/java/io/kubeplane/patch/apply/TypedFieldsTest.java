package io.kubeplane.patch.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.util.stream.Stream;

import io.kubeplane.patch.PatchSchemas;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The fields a Pod configuration sets ({@code ToFieldSet}), the named fields that make an applier's
 * struct fields removable ({@code EnsureNamedFieldsAreMembers}), and removing a set's items
 * ({@code RemoveItems}). Pods are in {@code 10.244.0.0/16}. Field sets are written in YAML as
 * {@code fieldsV1}.
 */
class TypedFieldsTest {

    private static final TypeRef POD = TypeRef.root(PatchSchemas.POD);

    private static Arguments fields(String name, String object, String fieldsV1) {
        return Arguments.of(named(name, Fixtures.yaml(object)), FieldSet.fromJson(Fixtures.yaml(fieldsV1)));
    }

    static Stream<Arguments> fieldSets() {
        return Stream.of(
                fields("struct fields own their contents, not themselves", "{spec: {nodeName: node-1}}", "{f:spec: {f:nodeName: {}}}"),
                fields("an empty struct is owned itself", "{spec: {securityContext: {}}}", "{f:spec: {f:securityContext: {}}}"),
                fields("a null is owned itself", "{spec: {nodeName: null}}", "{f:spec: {f:nodeName: {}}}"),
                fields("map entries are owned one by one", "{metadata: {labels: {app: web, tier: fe}}}",
                        "{f:metadata: {f:labels: {f:app: {}, f:tier: {}}}}"),
                fields("an atomic map is one field", "{spec: {nodeSelector: {zone: a, disk: ssd}}}", "{f:spec: {f:nodeSelector: {}}}"),
                fields("an atomic list is one field", "{spec: {tolerations: [{key: a, operator: Exists}]}}", "{f:spec: {f:tolerations: {}}}"),
                fields("an empty granular list owns nothing", "{spec: {containers: []}}", "{}"),
                fields("a set owns each value", "{metadata: {finalizers: [a/b, c/d]}}", "{f:metadata: {f:finalizers: {'v:\"a/b\"': {}, 'v:\"c/d\"': {}}}}"),
                fields("map list elements own themselves and their fields",
                        "{spec: {containers: [{name: app, image: nginx, ports: [{containerPort: 8080}]}]}}", """
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
                fields("atomic elements of a map list are owned whole", "{spec: {imagePullSecrets: [{name: registry}]}}",
                        "{f:spec: {f:imagePullSecrets: {'k:{\"name\":\"registry\"}': {}}}}"),
                fields("a duplicated key is owned once, without its contents",
                        "{spec: {containers: [{name: app, image: a}, {name: app, image: b}, {name: sidecar}]}}", """
                        f:spec:
                          f:containers:
                            k:{"name":"app"}: {}
                            k:{"name":"sidecar"}:
                              .: {}
                              f:name: {}
                        """));
    }

    @ParameterizedTest
    @MethodSource("fieldSets")
    void setsTheFieldsKubernetesOwns(JsonNode object, FieldSet expected) {
        assertThat(TypedFields.of(object, POD)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("fieldSets")
    void everyFieldOnThePathBecomesAMember(JsonNode object, FieldSet expected) {
        FieldSet named = TypedFields.ensureNamedFieldsAreMembers(expected, POD);
        assertThat(named.union(expected)).isEqualTo(named);
        expected.paths().forEach(path -> {
            for (int length = 1; length < path.elements().size(); length++) {
                FieldPath prefix = new FieldPath(path.elements().subList(0, length));
                if (path.elements().get(length - 1) instanceof PathElement.FieldName) {
                    assertThat(named.has(prefix)).as("%s is a member", prefix).isTrue();
                }
            }
        });
    }

    private static Arguments removal(String name, String object, String remove, String expected) {
        return Arguments.of(named(name, Fixtures.yaml(object)), FieldSet.fromJson(Fixtures.yaml(remove)), Fixtures.yaml(expected));
    }

    static Stream<Arguments> removals() {
        return Stream.of(
                removal("a field", "{spec: {nodeName: n, hostname: h}}", "{f:spec: {f:nodeName: {}}}", "{spec: {hostname: h}}"),
                removal("a map list element", "{spec: {containers: [{name: a}, {name: b}]}}",
                        "{f:spec: {f:containers: {'k:{\"name\":\"a\"}': {}}}}", "{spec: {containers: [{name: b}]}}"),
                removal("inside a map list element", "{spec: {containers: [{name: a, image: x}]}}",
                        "{f:spec: {f:containers: {'k:{\"name\":\"a\"}': {f:image: {}}}}}", "{spec: {containers: [{name: a}]}}"),
                removal("a set value", "{metadata: {finalizers: [a/b, c/d]}}", "{f:metadata: {f:finalizers: {'v:\"a/b\"': {}}}}",
                        "{metadata: {finalizers: [c/d]}}"),
                removal("everything of a list leaves null, as in Go", "{spec: {containers: [{name: a}]}}",
                        "{f:spec: {f:containers: {'k:{\"name\":\"a\"}': {}}}}", "{spec: {containers: null}}"));
    }

    @ParameterizedTest
    @MethodSource("removals")
    void removesTheItemsOfASet(JsonNode object, FieldSet remove, JsonNode expected) {
        JsonNode before = object.deepCopy();
        assertThat(TypedRemove.removeItems(object, remove, POD)).isEqualTo(expected);
        assertThat(object).isEqualTo(before);
    }
}
