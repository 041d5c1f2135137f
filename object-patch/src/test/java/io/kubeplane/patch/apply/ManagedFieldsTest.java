package io.kubeplane.patch.apply;

import static io.kubeplane.patch.apply.ManagedFieldsEntry.Operation.APPLY;
import static io.kubeplane.patch.apply.ManagedFieldsEntry.Operation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.kubeplane.patch.PatchException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Reading and writing {@code metadata.managedFields} as kube-apiserver does: the entries of its
 * {@code managedfields_test.go} round-trip, invalid entries are rejected with its messages, owners are
 * told apart and sorted as it does.
 */
class ManagedFieldsTest {

    private static final Instant T1 = Instant.parse("2001-01-01T01:00:00Z");
    private static final Instant T2 = Instant.parse("2002-01-01T01:00:00Z");

    static Stream<Arguments> roundTrips() {
        return Stream.of(
                Arguments.of(named("an applier", """
                        [{"manager":"foo","operation":"Apply","apiVersion":"v1","time":"2001-02-03T04:05:06Z","fieldsType":"FieldsV1",\
                        "fieldsV1":{"f:metadata":{"f:labels":{"f:app":{}}}}}]""")),
                Arguments.of(named("an updater through a subresource", """
                        [{"manager":"foo","operation":"Update","apiVersion":"apps/v1","fieldsType":"FieldsV1",\
                        "fieldsV1":{"f:spec":{"f:replicas":{}}},"subresource":"scale"}]""")),
                Arguments.of(named("a pod template owned item by item", """
                        [{"manager":"foo","operation":"Update","apiVersion":"apps/v1","time":"2001-02-03T04:05:06Z","fieldsType":"FieldsV1",\
                        "fieldsV1":{"f:spec":{"f:replicas":{},"f:selector":{"f:matchLabels":{"f:app":{}}},"f:template":{"f:spec":{"f:containers":\
                        {"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{"i:0":{"f:containerPort":{}}}}}}}}}}]""")),
                Arguments.of(named("no fields", """
                        [{"manager":"foo","operation":"Apply","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{}}]""")));
    }

    @ParameterizedTest
    @MethodSource("roundTrips")
    void entriesRoundTrip(String managedFields) {
        JsonNode json = Fixtures.MAPPER.readTree(managedFields);
        assertThat(ManagedFields.parse(json).toJson().toString()).isEqualTo(json.toString());
    }

    static Stream<Arguments> invalidEntries() {
        return Stream.of(
                Arguments.of(named("fieldsType FieldsV2", "{manager: foo, operation: Apply, apiVersion: v1, fieldsType: FieldsV2, fieldsV1: {f:field: {}}}"),
                        "invalid fieldsType \"FieldsV2\" in managed fields entry 0"),
                Arguments.of(named("no fieldsType", "{manager: foo, operation: Apply, apiVersion: v1, fieldsV1: {f:field: {}}}"),
                        "missing fieldsType in managed fields entry 0"),
                Arguments.of(named("no apiVersion", "{manager: foo, operation: Apply, fieldsType: FieldsV1, fieldsV1: {f:field: {}}}"),
                        "apiVersion must not be empty"),
                Arguments.of(named("operation Invalid", "{manager: foo, operation: Invalid, apiVersion: v1, fieldsType: FieldsV1}"),
                        "operation must be `Apply` or `Update`"),
                Arguments.of(named("no operation", "{manager: foo, apiVersion: v1, fieldsType: FieldsV1}"),
                        "operation must be `Apply` or `Update`"),
                Arguments.of(named("fields that are not FieldsV1", "{manager: foo, operation: Apply, apiVersion: v1, fieldsType: FieldsV1, fieldsV1: {'k:{invalid json}': {}}}"),
                        "error decoding the fields of managed fields entry 0"));
    }

    @ParameterizedTest
    @MethodSource("invalidEntries")
    void invalidEntriesAreRejected(String entry, String message) {
        assertThatThrownBy(() -> ManagedFields.parse(Fixtures.yaml("[" + entry + "]")))
                .isInstanceOf(PatchException.class)
                .hasMessageStartingWith(message);
    }

    static Stream<Arguments> identifiers() {
        return Stream.of(
                Arguments.of(named("an updater, with its version", new ManagedFieldsEntry("foo", UPDATE, "v1", T1, FieldSet.empty(), null)),
                        "{\"manager\":\"foo\",\"operation\":\"Update\",\"apiVersion\":\"v1\"}"),
                Arguments.of(named("an applier, without", new ManagedFieldsEntry("foo", APPLY, "v1", T1, FieldSet.empty(), null)),
                        "{\"manager\":\"foo\",\"operation\":\"Apply\"}"),
                Arguments.of(named("an applier through a subresource", new ManagedFieldsEntry("foo", APPLY, "v1", T1, FieldSet.empty(), "scale")),
                        "{\"manager\":\"foo\",\"operation\":\"Apply\",\"subresource\":\"scale\"}"));
    }

    @ParameterizedTest
    @MethodSource("identifiers")
    void ownersAreIdentifiedAsKubeApiserverDoes(ManagedFieldsEntry entry, String identifier) {
        assertThat(ManagerId.of(entry).identifier()).isEqualTo(identifier);
    }

    private static ManagedFieldsEntry entry(String manager, ManagedFieldsEntry.Operation operation, @Nullable Instant time) {
        return new ManagedFieldsEntry(manager, operation, "v1", time, FieldSet.of(FieldPath.fields(manager)), null);
    }

    static Stream<Arguments> orders() {
        return Stream.of(
                Arguments.of(named("appliers first", List.of(entry("a", UPDATE, T1), entry("a", APPLY, null))),
                        List.of("a/Apply", "a/Update")),
                Arguments.of(named("no time first", List.of(entry("b", APPLY, T1), entry("a", APPLY, null))),
                        List.of("a/Apply", "b/Apply")),
                Arguments.of(named("newest last, whatever the name", List.of(entry("a", UPDATE, T2), entry("b", UPDATE, T1))),
                        List.of("b/Update", "a/Update")),
                Arguments.of(named("same time: by name", List.of(entry("b", UPDATE, T1), entry("a", UPDATE, T1))),
                        List.of("a/Update", "b/Update")));
    }

    @ParameterizedTest
    @MethodSource("orders")
    void entriesAreSortedAsKubeApiserverSortsThem(List<ManagedFieldsEntry> entries, List<String> expected) {
        assertThat(Managers.decode(ManagedFields.of(entries)).encode().entries())
                .extracting(entry -> entry.manager() + "/" + entry.operation().wireName())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void timesKeepWholeSeconds() {
        ManagedFieldsEntry entry = new ManagedFieldsEntry("foo", APPLY, "v1", Instant.parse("2001-02-03T04:05:06.789Z"), FieldSet.empty(), "");
        assertThat(entry.toJson().get("time").asString()).isEqualTo("2001-02-03T04:05:06Z");
        assertThat(entry.subresource()).isNull();
    }

    @Test
    void writingNoEntriesRemovesTheField() {
        JsonNode object = Fixtures.yaml("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  managedFields:
                  - {manager: foo, operation: Apply, apiVersion: v1, fieldsType: FieldsV1, fieldsV1: {f:spec: {f:type: {}}}}
                """);
        ManagedFields read = ManagedFields.read(object);
        assertThat(read.entry("foo", APPLY)).isNotNull();
        assertThat(ManagedFields.empty().writeTo(object).path("metadata").has("managedFields")).isFalse();
        assertThat(read.writeTo(object)).isEqualTo(object);
        assertThat(ManagedFields.read(Fixtures.yaml("{metadata: {name: web}}")).entries()).isEmpty();
    }
}
