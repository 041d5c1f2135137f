package io.kubeplane.workload.deployment;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One reconcile's writes for a Deployment.
 *
 * @param create     how many pods of the current template to create
 * @param delete     the pods to delete, in order
 * @param recheckIn  when to look again though no event will come (a pod becoming available after
 *                   {@code minReadySeconds}); null when the next event is enough
 */
public record RolloutPlan(int create, List<Pod> delete, @Nullable Duration recheckIn) {

    public RolloutPlan {
        delete = List.copyOf(delete);
    }

    public boolean nothingToDo() {
        return create == 0 && delete.isEmpty();
    }
}
