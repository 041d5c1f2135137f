package io.kubeplane.workload.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.kubeplane.selector.LabelSelector;
import io.kubeplane.workload.pods.PodStates;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A ReplicaSet's status from the pods it controls, as Kubernetes' {@code calculateStatus}: replicas
 * (active pods, always written), fullyLabeledReplicas (those whose labels still carry all of the
 * template's), readyReplicas, availableReplicas (ready for {@code minReadySeconds}) and
 * observedGeneration; zero counts other than replicas are left out, as Go's {@code omitempty}
 * leaves them. Conditions the controller set (ReplicaFailure) are kept. Pure.
 */
public final class ReplicaSetStatuses {

    private ReplicaSetStatuses() {
    }

    public static ReplicaSetStatus compute(ReplicaSet replicaSet, List<Pod> owned, Instant now) {
        int minReadySeconds = minReadySeconds(replicaSet);
        Map<String, String> templateLabels = replicaSet.getSpec().getTemplate() == null
                                             || replicaSet.getSpec().getTemplate().getMetadata() == null
                ? Map.of() : Objects.requireNonNullElse(replicaSet.getSpec().getTemplate().getMetadata().getLabels(), Map.of());
        LabelSelector fullyLabeled = LabelSelector.fromMatchLabels(templateLabels);
        List<Pod> active = owned.stream().filter(PodStates::active).toList();
        ReplicaSetStatus status = new ReplicaSetStatus();
        status.setReplicas(active.size());
        status.setFullyLabeledReplicas(zeroAsNull(active.stream()
                .filter(p -> fullyLabeled.matches(Objects.requireNonNullElse(p.getMetadata().getLabels(), Map.of()))).count()));
        status.setReadyReplicas(zeroAsNull(active.stream().filter(PodStates::ready).count()));
        status.setAvailableReplicas(zeroAsNull(active.stream().filter(p -> PodStates.available(p, minReadySeconds, now)).count()));
        status.setObservedGeneration(replicaSet.getMetadata().getGeneration());
        if (replicaSet.getStatus() != null && replicaSet.getStatus().getConditions() != null
            && !replicaSet.getStatus().getConditions().isEmpty()) {
            status.setConditions(replicaSet.getStatus().getConditions());
        }
        return status;
    }

    /** When a ready pod will become available though no event comes, if one is waiting out minReadySeconds. */
    public static Optional<Duration> recheck(ReplicaSet replicaSet, List<Pod> owned, Instant now) {
        int minReadySeconds = minReadySeconds(replicaSet);
        return owned.stream().filter(PodStates::active).map(p -> PodStates.untilAvailable(p, minReadySeconds, now))
                .flatMap(Optional::stream).min(Comparator.naturalOrder());
    }

    private static int minReadySeconds(ReplicaSet replicaSet) {
        return Objects.requireNonNullElse(replicaSet.getSpec().getMinReadySeconds(), 0);
    }

    private static Integer zeroAsNull(long count) {
        return count == 0 ? null : (int) count;
    }
}
