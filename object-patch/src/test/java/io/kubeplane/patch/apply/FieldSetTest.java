package io.kubeplane.patch.apply;

import static io.kubeplane.patch.apply.PathElement.field;
import static io.kubeplane.patch.apply.PathElement.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import java.util.List;
import java.util.stream.Stream;

import io.kubeplane.patch.PatchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Field sets and their {@code FieldsV1} encoding, byte for byte against structured-merge-diff's own
 * fixtures ({@code src/test/resources/fieldsv1/}, see its README) and the shapes kube-apiserver writes
 * for Services.
 */
class FieldSetTest {

    private static final PathElement PORT_80 = key("port", 80, "protocol", "TCP");

    static Stream<Arguments> goldenSets() {
        List<String> lines = Fixtures.text("fieldsv1/golden.txt").lines().toList();
        return Stream.of(
                Arguments.of(named("golden: every element kind, sorted", lines.get(0))),
                Arguments.of(named("golden: nested element kinds", lines.get(1))),
                Arguments.of(named("golden: keys with emoji and spaces", lines.get(2))),
                Arguments.of(named("pod, as kube-apiserver wrote it", Fixtures.text("fieldsv1/podset.json").strip())),
                Arguments.of(named("node, as kube-apiserver wrote it", Fixtures.text("fieldsv1/nodeset.json").strip())),
                Arguments.of(named("endpoints, as kube-apiserver wrote it", Fixtures.text("fieldsv1/endpointsset.json").strip())),
                Arguments.of(named("a large CRD", Fixtures.text("fieldsv1/prometheus-crdset.json").strip())),
                Arguments.of(named("the empty set", "{}")),
                Arguments.of(named("a member that also has children", "{\"f:metadata\":{\".\":{},\"f:name\":{}}}")));
    }

    @ParameterizedTest
    @MethodSource("goldenSets")
    void readingAndWritingGivesTheSameBytes(String fieldsV1) {
        assertThat(FieldSet.fromJson(fieldsV1).toJson()).isEqualTo(fieldsV1);
    }

    static Stream<Arguments> nonNormalized() {
        return Stream.of(
                Arguments.of(named("members out of order, spaces in keys", "fieldsv1/non-normalized-0")),
                Arguments.of(named("nested, out of order, blank lines", "fieldsv1/non-normalized-1")));
    }

    @ParameterizedTest
    @MethodSource("nonNormalized")
    void anyOrderReadsAsTheNormalisedSet(String fixture) {
        FieldSet read = FieldSet.fromJson(Fixtures.text(fixture + ".json"));
        String expected = Fixtures.text(fixture + ".expected.json");
        assertThat(read.toJson()).isEqualTo(expected);
        assertThat(read).isEqualTo(FieldSet.fromJson(expected));
    }

    @Test
    void servicePortsEncodeAsKubernetesWritesThem() {
        FieldSet set = FieldSet.of(
                FieldPath.fields("metadata", "labels", "app"),
                FieldPath.of(field("spec"), field("ports"), PORT_80),
                FieldPath.of(field("spec"), field("ports"), PORT_80, field("port")));
        assertThat(set.toJson()).isEqualTo(
                "{\"f:metadata\":{\"f:labels\":{\"f:app\":{}}},\"f:spec\":{\"f:ports\":{\"k:{\\\"port\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},\"f:port\":{}}}}}");
        assertThat(set.toJsonNode()).isEqualTo(Fixtures.json(
                "{'f:metadata':{'f:labels':{'f:app':{}}},'f:spec':{'f:ports':{'k:{\\'port\\':80,\\'protocol\\':\\'TCP\\'}':{'.':{},'f:port':{}}}}}"));
    }

    @Test
    void keyFieldsAreSortedByName() {
        assertThat(key("protocol", "TCP", "port", 80)).isEqualTo(PORT_80);
        assertThat(PORT_80.serialize()).isEqualTo("k:{\"port\":80,\"protocol\":\"TCP\"}");
    }

    @Test
    void numbersInKeysMatchWhateverTheirJsonForm() {
        FieldSet written = FieldSet.fromJson("{\"k:{\\\"port\\\":80.0,\\\"protocol\\\":\\\"TCP\\\"}\":{}}");
        assertThat(written.has(FieldPath.of(PORT_80))).isTrue();
        assertThat(written.toJson()).isEqualTo("{\"k:{\\\"port\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{}}");
    }

    @Test
    void htmlCharactersAreEscapedAsGoDoes() {
        FieldSet set = FieldSet.of(
                FieldPath.fields("metadata", "annotations", "a<b>&c"),
                FieldPath.of(field("list"), key("name", "x&y")));
        assertThat(set.toJson()).isEqualTo(
                "{\"f:list\":{\"k:{\\\"name\\\":\\\"x\\\\u0026y\\\"}\":{}},\"f:metadata\":{\"f:annotations\":{\"f:a\\u003cb\\u003e\\u0026c\":{}}}}");
        assertThat(FieldSet.fromJson(set.toJson())).isEqualTo(set);
    }

    @Test
    void keysOfUnknownTypeAreDropped() {
        FieldSet read = FieldSet.fromJson("{\"f:a\":{\"x:future\":{}},\"f:b\":{\"x:future\":{},\"f:c\":{}},\"y:other\":{}}");
        assertThat(read.toJson()).isEqualTo("{\"f:a\":{},\"f:b\":{\"f:c\":{}}}");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(named("not an object", "[]")),
                Arguments.of(named("a key without a colon", "{\"fx\":{}}")),
                Arguments.of(named("a key that is not JSON", "{\"k:{invalid json}\":{\"f:name\":{},\".\":{}}}")),
                Arguments.of(named("a value that is not an object", "{\"f:a\":1}")),
                Arguments.of(named("an index that is not a number", "{\"i:one\":{}}")));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedFieldsAreRejected(String fieldsV1) {
        assertThatThrownBy(() -> FieldSet.fromJson(fieldsV1)).isInstanceOf(PatchException.class);
    }

    @Test
    void pathsPrintAsInConflictMessages() {
        assertThat(FieldPath.of(field("spec"), field("ports"), PORT_80, field("targetPort")))
                .hasToString(".spec.ports[port=80,protocol=\"TCP\"].targetPort");
        assertThat(FieldPath.of(field("metadata"), field("finalizers"), new PathElement.Value(JsonNodeFactory.instance.stringNode("a/b"))))
                .hasToString(".metadata.finalizers[=\"a/b\"]");
        assertThat(FieldPath.of(field("args"), new PathElement.Index(2))).hasToString(".args[2]");
        assertThat(FieldPath.of(field("x"), key("weight", 0.5, "on", true))).hasToString(".x[on=true,weight=0.5]");
    }

    @Test
    void pathsIterateMembersBeforeChildren() {
        FieldSet set = FieldSet.fromJson("{\"f:spec\":{\"f:ports\":{\"k:{\\\"port\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},\"f:targetPort\":{}}},\"f:type\":{}}}");
        assertThat(set.paths()).extracting(FieldPath::toString).containsExactly(
                ".spec.type",
                ".spec.ports[port=80,protocol=\"TCP\"]",
                ".spec.ports[port=80,protocol=\"TCP\"].targetPort");
        assertThat(set.size()).isEqualTo(3);
    }

    private static FieldSet set(String... paths) {
        FieldSet.Builder builder = FieldSet.builder();
        for (String path : paths) {
            builder.insert(FieldPath.fields(path.split("\\.")));
        }
        return builder.build();
    }

    static Stream<Arguments> operations() {
        return Stream.of(
                Arguments.of(named("union", "union"), set("a.b", "c"), set("a.d", "c"), set("a.b", "a.d", "c")),
                Arguments.of(named("intersection keeps common leaves", "intersection"), set("a.b", "a.c", "d"), set("a.c", "d", "e"), set("a.c", "d")),
                Arguments.of(named("intersection drops emptied children", "intersection"), set("a.b"), set("a.c"), FieldSet.empty()),
                Arguments.of(named("difference of leaves", "difference"), set("a.b", "a.c", "d"), set("a.c", "d"), set("a.b")),
                Arguments.of(named("difference keeps children of a removed parent", "difference"), set("a", "a.b"), set("a"), set("a.b")),
                Arguments.of(named("recursive difference removes them", "recursiveDifference"), set("a", "a.b", "c"), set("a"), set("c")),
                Arguments.of(named("recursive difference below a child", "recursiveDifference"), set("a.b.c", "a.d"), set("a.b"), set("a.d")));
    }

    @ParameterizedTest
    @MethodSource("operations")
    void setOperationsFollowStructuredMergeDiff(String operation, FieldSet left, FieldSet right, FieldSet expected) {
        FieldSet result = switch (operation) {
            case "union" -> left.union(right);
            case "intersection" -> left.intersection(right);
            case "difference" -> left.difference(right);
            default -> left.recursiveDifference(right);
        };
        assertThat(result).isEqualTo(expected);
        assertThat(result.toJson()).isEqualTo(expected.toJson());
    }

    @Test
    void theWholeObjectIsNeverAMember() {
        FieldSet set = FieldSet.builder().insert(FieldPath.of()).build();
        assertThat(set.isEmpty()).isTrue();
        assertThat(set.has(FieldPath.of())).isFalse();
    }
}
