package io.kubeplane.workload.deployment;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubeplane.workload.pods.PodStates;
import io.kubeplane.workload.replicaset.PodFactory;
import io.kubeplane.workload.replicaset.ReplicaSetPlan;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One of a Deployment's ReplicaSets with the pods it controls, as the rollout reads it. The
 * Deployment controller counts availability from the pods themselves rather than from the
 * ReplicaSet's status, which would lag a write behind; pods beyond {@code spec.replicas} are on
 * their way out and are not counted.
 */
public record OwnedReplicaSet(ReplicaSet replicaSet, List<Pod> pods) {

    /** Oldest first, as Kubernetes' {@code ReplicaSetsByCreationTimestamp}; names break ties. */
    static final Comparator<OwnedReplicaSet> OLDEST_FIRST = Comparator
            .comparing((OwnedReplicaSet o) -> o.replicaSet().getMetadata().getCreationTimestamp(),
                    Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(OwnedReplicaSet::name);

    public OwnedReplicaSet {
        pods = List.copyOf(pods);
    }

    public String name() {
        return replicaSet.getMetadata().getName();
    }

    public int specReplicas() {
        return ReplicaSetPlan.replicas(replicaSet);
    }

    /** The {@code pod-template-hash} its template carries, null for a ReplicaSet made by hand. */
    public String hash() {
        Map<String, String> labels = replicaSet.getMetadata().getLabels();
        String label = labels == null ? null : labels.get(PodFactory.TEMPLATE_HASH_LABEL);
        if (label != null) {
            return label;
        }
        var template = replicaSet.getSpec().getTemplate();
        return template == null || template.getMetadata() == null || template.getMetadata().getLabels() == null ? null
                : template.getMetadata().getLabels().get(PodFactory.TEMPLATE_HASH_LABEL);
    }

    public List<Pod> active() {
        return pods.stream().filter(PodStates::active).toList();
    }

    /** Available pods, at most {@code spec.replicas} of them. */
    public int available(int minReadySeconds, Instant now) {
        long available = pods.stream().filter(PodStates::active).filter(p -> PodStates.available(p, minReadySeconds, now)).count();
        return (int) Math.min(available, specReplicas());
    }

    /** Whether any of its pods still runs, terminating ones included (what Recreate waits out). */
    public boolean podsRunning() {
        return pods.stream().anyMatch(p -> !"Succeeded".equals(PodStates.phase(p)) && !"Failed".equals(PodStates.phase(p)));
    }

    public long revision() {
        return Revisions.of(replicaSet);
    }
}
