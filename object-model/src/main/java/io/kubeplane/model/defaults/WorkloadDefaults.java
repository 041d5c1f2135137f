package io.kubeplane.model.defaults;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;

/**
 * Kubernetes' apps/v1 {@code SetDefaults_Deployment}: one replica, a RollingUpdate strategy with
 * 25% surge and 25% unavailable, ten old ReplicaSets kept, a 600 s progress deadline, and the pod
 * template's spec defaulted as any pod spec; and {@code SetDefaults_ReplicaSet}: one replica and the
 * template's spec defaulted.
 *
 * <p>Stateless and thread-safe; called by {@link Defaulting}.
 */
final class WorkloadDefaults {

    private WorkloadDefaults() {
    }

    static void apply(Deployment deployment) {
        if (deployment.getSpec() == null) {
            deployment.setSpec(new DeploymentSpec());
        }
        DeploymentSpec spec = deployment.getSpec();
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
        if (spec.getStrategy() == null) {
            spec.setStrategy(new DeploymentStrategy());
        }
        DeploymentStrategy strategy = spec.getStrategy();
        if (Values.isEmpty(strategy.getType())) {
            strategy.setType("RollingUpdate");
        }
        if (strategy.getType().equals("RollingUpdate")) {
            if (strategy.getRollingUpdate() == null) {
                strategy.setRollingUpdate(new RollingUpdateDeployment());
            }
            RollingUpdateDeployment rolling = strategy.getRollingUpdate();
            if (rolling.getMaxUnavailable() == null) {
                rolling.setMaxUnavailable(new IntOrString("25%"));
            }
            if (rolling.getMaxSurge() == null) {
                rolling.setMaxSurge(new IntOrString("25%"));
            }
        }
        if (spec.getRevisionHistoryLimit() == null) {
            spec.setRevisionHistoryLimit(10);
        }
        if (spec.getProgressDeadlineSeconds() == null) {
            spec.setProgressDeadlineSeconds(600);
        }
        if (spec.getTemplate() != null && spec.getTemplate().getSpec() != null) {
            PodDefaults.applySpec(spec.getTemplate().getSpec());
        }
    }

    static void apply(ReplicaSet replicaSet) {
        if (replicaSet.getSpec() == null) {
            replicaSet.setSpec(new ReplicaSetSpec());
        }
        ReplicaSetSpec spec = replicaSet.getSpec();
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
        if (spec.getTemplate() != null && spec.getTemplate().getSpec() != null) {
            PodDefaults.applySpec(spec.getTemplate().getSpec());
        }
    }
}
