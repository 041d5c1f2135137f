package io.kubeplane.workload.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;

/**
 * A Deployment's {@code maxSurge} and {@code maxUnavailable} as pod counts, resolved as Kubernetes'
 * {@code ResolveFenceposts} does: percentages of the replicas, surge rounded up and unavailability
 * rounded down; both zero would stall a rollout, so unavailability becomes one. A Recreate
 * Deployment has neither. Pure.
 *
 * @param maxSurge       pods over the replicas a rollout may create
 * @param maxUnavailable pods under the replicas a rollout may leave unavailable
 */
public record RolloutLimits(int maxSurge, int maxUnavailable) {

    public static RolloutLimits of(Deployment deployment) {
        int replicas = replicas(deployment);
        DeploymentStrategy strategy = deployment.getSpec().getStrategy();
        if (strategy != null && "Recreate".equals(strategy.getType())) {
            return new RolloutLimits(0, 0);
        }
        RollingUpdateDeployment rolling = strategy == null ? null : strategy.getRollingUpdate();
        int surge = resolve(rolling == null ? null : rolling.getMaxSurge(), replicas, true);
        int unavailable = resolve(rolling == null ? null : rolling.getMaxUnavailable(), replicas, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new RolloutLimits(surge, Math.min(unavailable, replicas));
    }

    public static int replicas(Deployment deployment) {
        Integer replicas = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }

    /** An absent value is Kubernetes' default, 25%. */
    static int resolve(IntOrString value, int replicas, boolean roundUp) {
        if (value == null) {
            return resolve(new IntOrString("25%"), replicas, roundUp);
        }
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String text = value.getStrVal().trim();
        int percent = Integer.parseInt(text.substring(0, text.length() - 1));
        long scaled = (long) percent * replicas;
        return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
    }
}
