package io.kubeplane.patch.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.kubeplane.patch.ListType;
import io.kubeplane.patch.ObjectType;
import io.kubeplane.patch.PatchSchema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The merge of an applied configuration into a live object, against structured-merge-diff's own
 * merge cases ({@code src/test/resources/merge/}, see its README): leaves and atomic values take the
 * configuration's value, null and empty stay apart, sets and map lists merge in the same order.
 */
class TypedMergeTest {

    /** The schema of each Go test case, as kubeplane's schemas write it. */
    private static TypeRef typeOf(String testCase) {
        PatchSchema schema = switch (testCase) {
            case "simple pair" -> PatchSchema.builder().objectType("value", ObjectType.ATOMIC).build();
            case "null/empty map" -> PatchSchema.builder().objectType("inner", ObjectType.MAP).build();
            case "null/empty struct", "null/empty list" -> PatchSchema.none();
            case "struct grab bag" -> PatchSchema.builder()
                    .listType("setStr", ListType.SET)
                    .listType("setBool", ListType.SET)
                    .listType("setNumeric", ListType.SET)
                    .build();
            case "associative list" -> PatchSchema.builder()
                    .field("list", PatchSchema.builder().objectType("value", ObjectType.MAP).build())
                    .listType("list", ListType.map("key", "id"))
                    .build();
            default -> throw new IllegalArgumentException("no schema for " + testCase);
        };
        return TypeRef.root(schema);
    }

    static Stream<Arguments> triplets() {
        AtomicInteger line = new AtomicInteger();
        return Fixtures.text("merge/triplets.tsv").lines().map(row -> {
            String[] columns = row.split("\t");
            String name = columns[0] + " #" + line.incrementAndGet() + ": " + columns[1] + " + " + columns[2];
            return Arguments.of(named(name, columns[0]), Fixtures.MAPPER.readTree(columns[1]),
                    Fixtures.MAPPER.readTree(columns[2]), Fixtures.MAPPER.readTree(columns[3]));
        });
    }

    @ParameterizedTest
    @MethodSource("triplets")
    void mergesAsStructuredMergeDiff(String testCase, JsonNode live, JsonNode applied, JsonNode expected) {
        JsonNode merged = TypedMerge.merge(live, applied, typeOf(testCase));
        assertThat(GoValues.equal(merged, expected)).as("merged %s, expected %s", merged, expected).isTrue();
    }

    @ParameterizedTest
    @MethodSource("triplets")
    void neverChangesItsInputs(String testCase, JsonNode live, JsonNode applied, JsonNode expected) {
        JsonNode liveBefore = live.deepCopy();
        JsonNode appliedBefore = applied.deepCopy();
        TypedMerge.merge(live, applied, typeOf(testCase));
        assertThat(live).isEqualTo(liveBefore);
        assertThat(applied).isEqualTo(appliedBefore);
    }
}
