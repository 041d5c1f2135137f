package io.kubeplane.workload.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.kubeplane.selector.LabelSelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimsTest {

    private static final ReplicaSet WEB = new ReplicaSetBuilder()
            .withNewMetadata().withNamespace("default").withName("web-abc").withUid("uid-rs")
                .withOwnerReferences(owner("Deployment", "web", "uid-deploy")).endMetadata()
            .withNewSpec().withNewSelector().withMatchLabels(Map.of("app", "web", "pod-template-hash", "abc")).endSelector().endSpec()
            .build();
    private static final LabelSelector SELECTOR = LabelSelector.from(WEB.getSpec().getSelector());
    private static final Map<String, String> MATCHING = Map.of("app", "web", "pod-template-hash", "abc");

    @Test
    void adoptsMatchingOrphansAndLeavesOthersAlone() {
        Pod orphan = pod("orphan", MATCHING);
        Pod stranger = pod("stranger", Map.of("app", "api"));
        Pod othersChild = pod("others", MATCHING, owner("ReplicaSet", "web-xyz", "uid-other"));

        Claims<Pod> claims = Claims.of(WEB, SELECTOR, List.of(), List.of(orphan, stranger, othersChild), p -> true);

        assertThat(claims.adopt()).singleElement().satisfies(change -> {
            assertThat(change.object()).isSameAs(orphan);
            assertThat(change.ownerReferences()).singleElement().satisfies(o -> {
                assertThat(o.getKind()).isEqualTo("ReplicaSet");
                assertThat(o.getUid()).isEqualTo("uid-rs");
                assertThat(o.getController()).isTrue();
            });
        });
        assertThat(claims.release()).isEmpty();
    }

    @Test
    void podsTheDeploymentControlledItselfPassToItsReplicaSet() {
        Pod legacy = pod("legacy", MATCHING, owner("Deployment", "web", "uid-deploy"));
        Pod anotherDeployments = pod("foreign", MATCHING, owner("Deployment", "api", "uid-api"));

        Claims<Pod> claims = Claims.of(WEB, SELECTOR, List.of(), List.of(legacy, anotherDeployments), p -> true);

        assertThat(claims.adopt()).singleElement().satisfies(change -> {
            assertThat(change.object()).isSameAs(legacy);
            assertThat(change.ownerReferences()).extracting(OwnerReference::getUid).containsExactly("uid-rs");
        });
    }

    @Test
    void releasesPodsRelabelledOutOfTheSelectorKeepingTheirOtherOwners() {
        Pod relabelled = pod("debug", Map.of("app", "web", "pod-template-hash", "abc", "quarantine", "x"),
                owner("ReplicaSet", "web-abc", "uid-rs"), new OwnerReferenceBuilder().withKind("Node").withName("n")
                        .withUid("uid-node").withApiVersion("v1").build());
        relabelled.getMetadata().setLabels(Map.of("app", "debug"));
        Pod kept = pod("kept", MATCHING, owner("ReplicaSet", "web-abc", "uid-rs"));

        Claims<Pod> claims = Claims.of(WEB, SELECTOR, List.of(relabelled, kept), List.of(), p -> true);

        assertThat(claims.release()).singleElement().satisfies(change -> {
            assertThat(change.object()).isSameAs(relabelled);
            assertThat(change.ownerReferences()).extracting(OwnerReference::getUid).containsExactly("uid-node");
        });
    }

    @Test
    void nothingIsAdoptedByAControllerBeingDeletedNorWhileBeingDeletedNorWhenIneligible() {
        Pod orphan = pod("orphan", MATCHING);
        Pod leaving = pod("leaving", MATCHING);
        leaving.getMetadata().setDeletionTimestamp("2026-11-22T12:00:00Z");
        ReplicaSet deleted = new ReplicaSetBuilder(WEB).editMetadata().withDeletionTimestamp("2026-11-22T12:00:00Z").endMetadata().build();

        assertThat(Claims.of(deleted, SELECTOR, List.of(), List.of(orphan), p -> true).adopt()).isEmpty();
        assertThat(Claims.of(WEB, SELECTOR, List.of(), List.of(leaving), p -> true).adopt()).isEmpty();
        assertThat(Claims.of(WEB, SELECTOR, List.of(), List.of(orphan), p -> false).adopt()).isEmpty();
    }

    private static Pod pod(String name, Map<String, String> labels, OwnerReference... owners) {
        return new PodBuilder().withNewMetadata().withNamespace("default").withName(name).withUid("uid-" + name)
                .withLabels(labels).withOwnerReferences(owners).endMetadata().build();
    }

    private static OwnerReference owner(String kind, String name, String uid) {
        return new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind(kind).withName(name).withUid(uid)
                .withController(true).build();
    }
}
