package io.kubeplane.workload.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubeplane.workload.pods.DeletionOrder;
import io.kubeplane.workload.pods.PodStates;
import java.util.List;

/**
 * What a ReplicaSet's pods should become next, as Kubernetes' {@code manageReplicas}: create the
 * missing pods, or delete the surplus in {@link DeletionOrder} (unscheduled, pending and not-ready
 * pods first). Terminating and finished pods do not count. Pure.
 *
 * @param create how many pods to create from the template
 * @param delete the pods to delete
 */
public record ReplicaSetPlan(int create, List<Pod> delete) {

    public ReplicaSetPlan {
        delete = List.copyOf(delete);
    }

    public static ReplicaSetPlan of(ReplicaSet replicaSet, List<Pod> owned) {
        int replicas = replicas(replicaSet);
        List<Pod> active = owned.stream().filter(PodStates::active).toList();
        int diff = active.size() - replicas;
        if (diff < 0) {
            return new ReplicaSetPlan(-diff, List.of());
        }
        return new ReplicaSetPlan(0, DeletionOrder.firstToGo(active, diff));
    }

    public boolean nothingToDo() {
        return create == 0 && delete.isEmpty();
    }

    /** {@code spec.replicas}, one when unset (the api-server defaults it). */
    public static int replicas(ReplicaSet replicaSet) {
        Integer replicas = replicaSet.getSpec() == null ? null : replicaSet.getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }
}
