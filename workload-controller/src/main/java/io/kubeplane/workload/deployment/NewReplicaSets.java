package io.kubeplane.workload.deployment;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.kubeplane.model.KubernetesJson;
import io.kubeplane.workload.replicaset.PodFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ReplicaSet a Deployment's controller creates for its current template, as Kubernetes'
 * {@code getNewReplicaSet}: named {@code <deployment>-<pod-template-hash>}; the template, its
 * labels and the Deployment's selector each with {@code pod-template-hash} added, so the
 * ReplicaSets of two revisions never select each other's pods; the Deployment's annotations
 * (less kubectl's and the rollout's own) plus the revision and the replica counts it is scaled
 * for; the Deployment as its controlling owner. Pure.
 */
public final class NewReplicaSets {

    /** Annotations of the Deployment that stay off its ReplicaSets, as Kubernetes' {@code skipCopyAnnotation}. */
    private static final Set<String> NOT_COPIED = Set.of("kubectl.kubernetes.io/last-applied-configuration",
            Revisions.REVISION, "deployment.kubernetes.io/revision-history", Revisions.DESIRED_REPLICAS,
            Revisions.MAX_REPLICAS, "deprecated.deployment.rollback.to");

    private NewReplicaSets() {
    }

    public static ReplicaSet of(Deployment deployment, String hash, int replicas, long revision, int maxSurge) {
        PodTemplateSpec template = KubernetesJson.deepCopy(deployment.getSpec().getTemplate());
        if (template.getMetadata() == null) {
            template.setMetadata(new ObjectMeta());
        }
        template.getMetadata().setLabels(withHash(template.getMetadata().getLabels(), hash));
        LabelSelector selector = KubernetesJson.deepCopy(deployment.getSpec().getSelector());
        selector.setMatchLabels(withHash(selector.getMatchLabels(), hash));

        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(deployment.getMetadata().getName() + "-" + hash);
        metadata.setNamespace(deployment.getMetadata().getNamespace());
        metadata.setLabels(template.getMetadata().getLabels());
        metadata.setAnnotations(annotations(deployment, revision, maxSurge));
        metadata.setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion("apps/v1").withKind("Deployment")
                .withName(deployment.getMetadata().getName()).withUid(deployment.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build()));

        ReplicaSetSpec spec = new ReplicaSetSpec();
        spec.setReplicas(replicas);
        spec.setMinReadySeconds(deployment.getSpec().getMinReadySeconds());
        spec.setSelector(selector);
        spec.setTemplate(template);
        ReplicaSet replicaSet = new ReplicaSet();
        replicaSet.setApiVersion("apps/v1");
        replicaSet.setKind("ReplicaSet");
        replicaSet.setMetadata(metadata);
        replicaSet.setSpec(spec);
        return replicaSet;
    }

    /** What a ReplicaSet's annotations say of the Deployment scaling it: its replicas, and those plus the surge. */
    public static Map<String, String> scaleAnnotations(Deployment deployment, int maxSurge) {
        int replicas = RolloutLimits.replicas(deployment);
        return Map.of(Revisions.DESIRED_REPLICAS, Integer.toString(replicas),
                Revisions.MAX_REPLICAS, Integer.toString(replicas + maxSurge));
    }

    private static Map<String, String> annotations(Deployment deployment, long revision, int maxSurge) {
        Map<String, String> annotations = new LinkedHashMap<>();
        Map<String, String> own = deployment.getMetadata().getAnnotations();
        if (own != null) {
            own.forEach((key, value) -> {
                if (!NOT_COPIED.contains(key)) {
                    annotations.put(key, value);
                }
            });
        }
        annotations.putAll(scaleAnnotations(deployment, maxSurge));
        annotations.put(Revisions.REVISION, Long.toString(revision));
        return annotations;
    }

    private static Map<String, String> withHash(Map<String, String> labels, String hash) {
        Map<String, String> copy = new LinkedHashMap<>(labels == null ? Map.of() : labels);
        copy.put(PodFactory.TEMPLATE_HASH_LABEL, hash);
        return copy;
    }
}
