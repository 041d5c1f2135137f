package io.kubeplane.workload.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.kubeplane.controller.WriteTracker;
import io.kubeplane.model.KubernetesJson;
import io.kubeplane.selector.LabelSelector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a controller claims, as Kubernetes' {@code ControllerRefManager}: it adopts the objects of
 * its namespace that its selector matches and nobody controls, and releases those it controls that
 * its selector no longer matches (relabelled by hand: they live on, unowned). A controller being
 * deleted adopts nothing. Pods a Deployment controlled directly, as kubeplane's Deployments did
 * before they had ReplicaSets, are adopted by the ReplicaSet that Deployment now controls. Pure.
 *
 * @param adopt   objects to take, each with the owner references it should have
 * @param release objects to let go, each with the owner references it should keep
 */
record Claims<T extends HasMetadata>(List<Change<T>> adopt, List<Change<T>> release) {

    /** An object and the owner references it should have after the claim. */
    record Change<T>(T object, List<OwnerReference> ownerReferences) {
    }

    /**
     * @param controller  the claiming ReplicaSet or Deployment
     * @param selector    its selector
     * @param owned       what it controls now
     * @param candidates  what it could adopt (from the {@link PodIndexes#ADOPTABLE} index)
     * @param eligible    which candidates may be adopted at all (pods: active ones)
     */
    static <T extends HasMetadata> Claims<T> of(HasMetadata controller, LabelSelector selector, List<T> owned,
                                                List<T> candidates, Predicate<T> eligible) {
        List<Change<T>> release = new ArrayList<>();
        for (T object : owned) {
            if (!selector.matches(labels(object))) {
                release.add(new Change<>(object, without(object, controller.getMetadata().getUid())));
            }
        }
        List<Change<T>> adopt = new ArrayList<>();
        if (controller.getMetadata().getDeletionTimestamp() == null) {
            String grandparent = controllerUid(controller);
            for (T object : candidates) {
                OwnerReference current = PodIndexes.controllerOf(object);
                boolean free = current == null || (grandparent != null && grandparent.equals(current.getUid()));
                if (free && object.getMetadata().getDeletionTimestamp() == null && eligible.test(object)
                    && selector.matches(labels(object))) {
                    List<OwnerReference> references = new ArrayList<>(
                            current == null ? Objects.requireNonNullElse(object.getMetadata().getOwnerReferences(), List.of())
                                    : without(object, current.getUid()));
                    references.add(reference(controller));
                    adopt.add(new Change<>(object, references));
                }
            }
        }
        return new Claims<>(adopt, release);
    }

    boolean nothingToDo() {
        return adopt.isEmpty() && release.isEmpty();
    }

    /**
     * Writes every change as a merge patch of the owner references, guarded by the cached object's
     * uid and resourceVersion, and tells {@code tracker} what to wait for under {@code key}: adopted
     * objects coming back under the claimant's index, released ones leaving it.
     *
     * @param patch sends a patch for an object; null when the object is gone or changed since the
     *              cache saw it (its event brings the claim back with fresh state)
     */
    void apply(String key, WriteTracker tracker, BiFunction<T, String, @Nullable T> patch) {
        List<T> adopted = new ArrayList<>();
        for (Change<T> change : adopt) {
            T written = patch.apply(change.object(), ownersPatch(change));
            if (written != null) {
                adopted.add(written);
            }
        }
        Set<String> released = new HashSet<>();
        for (Change<T> change : release) {
            if (patch.apply(change.object(), ownersPatch(change)) != null) {
                released.add(change.object().getMetadata().getName());
            }
        }
        tracker.wrote(key, adopted, released);
    }

    private static String ownersPatch(Change<? extends HasMetadata> change) {
        ObjectNode patch = KubernetesJson.JSON.createObjectNode();
        ObjectNode metadata = patch.putObject("metadata");
        metadata.put("uid", change.object().getMetadata().getUid())
                .put("resourceVersion", change.object().getMetadata().getResourceVersion());
        metadata.set("ownerReferences", KubernetesJson.toTree(change.ownerReferences()));
        return patch.toString();
    }

    static OwnerReference reference(HasMetadata controller) {
        return new OwnerReferenceBuilder().withApiVersion(controller.getApiVersion()).withKind(controller.getKind())
                .withName(controller.getMetadata().getName()).withUid(controller.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    private static String controllerUid(HasMetadata object) {
        OwnerReference owner = PodIndexes.controllerOf(object);
        return owner == null ? null : owner.getUid();
    }

    private static List<OwnerReference> without(HasMetadata object, String uid) {
        return Objects.requireNonNullElse(object.getMetadata().getOwnerReferences(), List.<OwnerReference>of()).stream()
                .filter(o -> !uid.equals(o.getUid())).toList();
    }

    private static Map<String, String> labels(HasMetadata object) {
        return Objects.requireNonNullElse(object.getMetadata().getLabels(), Map.of());
    }
}
