package io.kubeplane.model.validation;

import static io.kubeplane.model.validation.FieldError.Type.FORBIDDEN;
import static io.kubeplane.model.validation.FieldError.Type.INVALID;
import static io.kubeplane.model.validation.FieldError.Type.REQUIRED;
import static io.kubeplane.model.validation.FieldError.Type.TOO_LONG;
import static io.kubeplane.model.validation.Fixtures.error;
import static io.kubeplane.model.validation.Fixtures.typesAndFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.kubeplane.model.KubernetesJson;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MetadataValidationTest {

    private static final FieldPath METADATA = FieldPath.of("metadata");

    @ParameterizedTest
    @MethodSource
    void create(Consumer<ObjectMeta> change, List<Tuple> expected) {
        ObjectMeta meta = new ObjectMetaBuilder().withName("web").withNamespace("default").build();
        change.accept(meta);

        assertThat(typesAndFields(MetadataValidation.validateCreate(meta, true, NameRule.DNS1123_SUBDOMAIN, METADATA)))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> create() {
        return Stream.of(
                row("a name and a namespace", m -> { }),
                row("a dotted name", m -> m.setName("web.v1")),
                row("neither name nor generateName", m -> m.setName(""), error(REQUIRED, "metadata.name")),
                row("a generateName ending in a hyphen", m -> {
                    m.setName(null);
                    m.setGenerateName("web-");
                }),
                row("a generateName with an underscore", m -> {
                    m.setName(null);
                    m.setGenerateName("web_");
                }, error(INVALID, "metadata.generateName")),
                row("a namespace that is not a DNS label", m -> m.setNamespace("team.a"), error(INVALID, "metadata.namespace")),
                row("labels with prefixed keys", m -> m.setLabels(Map.of("app.kubernetes.io/name", "web", "tier", ""))),
                row("a label key with an empty prefix", m -> m.setLabels(Map.of("/name", "web")), error(INVALID, "metadata.labels")),
                row("a label value of 64 characters", m -> m.setLabels(Map.of("app", "a".repeat(64))), error(INVALID, "metadata.labels")),
                row("a label value ending in a hyphen", m -> m.setLabels(Map.of("app", "web-")), error(INVALID, "metadata.labels")),
                row("annotation keys are checked ignoring case", m -> m.setAnnotations(Map.of("Example.COM/Owner", "team a"))),
                row("an annotation key with a space", m -> m.setAnnotations(Map.of("owner team", "a")), error(INVALID, "metadata.annotations")),
                row("annotations of exactly 256 KiB", m -> m.setAnnotations(Map.of("k", "v".repeat(256 * 1024 - 1)))),
                row("annotations over 256 KiB", m -> m.setAnnotations(Map.of("k", "v".repeat(256 * 1024))),
                        error(TOO_LONG, "metadata.annotations")),
                row("a complete owner reference", m -> m.setOwnerReferences(List.of(new OwnerReferenceBuilder()
                        .withApiVersion("apps/v1").withKind("ReplicaSet").withName("web-7d4b9").withUid("0b0a5d3e").withController(true)
                        .build()))),
                row("an empty owner reference", m -> m.setOwnerReferences(List.of(new OwnerReferenceBuilder().build())),
                        error(INVALID, "metadata.ownerReferences.apiVersion"), error(INVALID, "metadata.ownerReferences.kind"),
                        error(INVALID, "metadata.ownerReferences.name"), error(INVALID, "metadata.ownerReferences.uid")),
                row("an Event as owner", m -> m.setOwnerReferences(List.of(new OwnerReferenceBuilder()
                        .withApiVersion("v1").withKind("Event").withName("e").withUid("1").build())),
                        error(INVALID, "metadata.ownerReferences")),
                row("two controllers", m -> m.setOwnerReferences(List.of(
                        new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet").withName("a").withUid("1")
                                .withController(true).build(),
                        new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet").withName("b").withUid("2")
                                .withController(true).build())),
                        error(INVALID, "metadata.ownerReferences")),
                row("standard and qualified finalizers", m -> m.setFinalizers(List.of("kubernetes", "example.com/cleanup"))),
                row("an unqualified non-standard finalizer", m -> m.setFinalizers(List.of("cleanup")),
                        error(INVALID, "metadata.finalizers[0]")),
                row("orphan and foreground deletion together", m -> m.setFinalizers(List.of("orphan", "foregroundDeletion")),
                        error(INVALID, "metadata.finalizers")),
                row("a negative generation", m -> m.setGeneration(-1L), error(INVALID, "metadata.generation")));
    }

    @Test
    void namespaceIsForbiddenOnClusterScopedKinds() {
        ObjectMeta meta = new ObjectMetaBuilder().withName("node-1").withNamespace("default").build();

        assertThat(MetadataValidation.validateCreate(meta, false, NameRule.DNS1123_SUBDOMAIN, METADATA))
                .extracting(FieldError::message).containsExactly("metadata.namespace: Forbidden: not allowed on this type");
    }

    @Test
    void nameOrGenerateNameIsRequired() {
        assertThat(MetadataValidation.validateCreate(new ObjectMeta(), false, NameRule.DNS1123_SUBDOMAIN, METADATA))
                .extracting(FieldError::message).containsExactly("metadata.name: Required value: name or generateName is required");
        assertThat(MetadataValidation.validateCreate(null, true, NameRule.DNS1123_SUBDOMAIN, METADATA))
                .extracting(FieldError::field).containsExactly("metadata.name", "metadata.namespace");
    }

    @ParameterizedTest
    @MethodSource
    void update(Consumer<ObjectMeta> change, List<Tuple> expected) {
        ObjectMeta old = new ObjectMetaBuilder().withName("web").withNamespace("default").withUid("0b0a5d3e")
                .withCreationTimestamp("2025-01-01T00:00:00Z").withResourceVersion("7").withGeneration(2L)
                .withFinalizers("example.com/cleanup").build();
        ObjectMeta meta = KubernetesJson.deepCopy(old);
        change.accept(meta);

        assertThat(typesAndFields(MetadataValidation.validateUpdate(meta, old, METADATA))).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> update() {
        return Stream.of(
                row("labels and annotations changed", m -> {
                    m.setLabels(Map.of("app", "web"));
                    m.setAnnotations(Map.of("note", "x"));
                }),
                row("generation bumped", m -> m.setGeneration(3L)),
                row("name changed", m -> m.setName("web2"), error(INVALID, "metadata.name")),
                row("namespace changed", m -> m.setNamespace("prod"), error(INVALID, "metadata.namespace")),
                row("uid changed", m -> m.setUid("ffff"), error(INVALID, "metadata.uid")),
                row("creationTimestamp changed", m -> m.setCreationTimestamp("2026-01-01T00:00:00Z"),
                        error(INVALID, "metadata.creationTimestamp")),
                row("deletionTimestamp set by the client", m -> m.setDeletionTimestamp("2026-01-01T00:00:00Z"),
                        error(INVALID, "metadata.deletionTimestamp")),
                row("generation decremented", m -> m.setGeneration(1L), error(INVALID, "metadata.generation")),
                row("an invalid label added", m -> m.setLabels(Map.of("app", "web server")), error(INVALID, "metadata.labels")));
    }

    @Test
    void anObjectBeingDeletedTakesNoNewFinalizers() {
        ObjectMeta old = new ObjectMetaBuilder().withName("team-a").withDeletionTimestamp("2025-01-01T00:00:00Z")
                .withFinalizers("kubernetes").build();
        ObjectMeta meta = KubernetesJson.deepCopy(old);
        meta.setFinalizers(List.of("kubernetes", "example.com/keep"));

        assertThat(MetadataValidation.validateUpdate(meta, old, METADATA)).extracting(FieldError::type, FieldError::message)
                .containsExactly(Tuple.tuple(FORBIDDEN, "metadata.finalizers: Forbidden: no new finalizers can be added if the "
                        + "object is being deleted, found new finalizers []string{\"example.com/keep\"}"));
        meta.setFinalizers(List.of());
        assertThat(MetadataValidation.validateUpdate(meta, old, METADATA)).isEmpty();
    }

    private static Arguments row(String situation, Consumer<ObjectMeta> change, Tuple... expected) {
        return Fixtures.row(situation, change, expected);
    }
}
