package io.kubeplane.workload.deployment;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/**
 * The annotations by which a Deployment's rollout history is told: each ReplicaSet's
 * {@code deployment.kubernetes.io/revision} (what {@code kubectl rollout history} lists and
 * {@code kubectl rollout undo --to-revision} picks), the Deployment's own copy of its newest, and
 * the replica counts its ReplicaSets were last scaled for. Pure.
 */
public final class Revisions {

    public static final String REVISION = "deployment.kubernetes.io/revision";
    public static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    public static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";

    private Revisions() {
    }

    /** The object's revision; 0 when it has none or it does not parse. */
    public static long of(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(REVISION);
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
