package io.kubeplane.workload.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Deployments and pods for the planner and status tests. */
final class DeploymentFixtures {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private DeploymentFixtures() {
    }

    static Deployment deployment(int replicas, String image) {
        return new DeploymentBuilder()
                .withNewMetadata().withNamespace("default").withName("web").withUid("uid-web").withGeneration(2L).endMetadata()
                .withNewSpec().withReplicas(replicas)
                    .withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector()
                    .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                        .withMaxSurge(new IntOrString("25%")).withMaxUnavailable(new IntOrString("25%")).endRollingUpdate()
                    .endStrategy()
                    .withProgressDeadlineSeconds(600)
                    .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "web")).endMetadata()
                        .withNewSpec().addNewContainer().withName("web").withImage(image).endContainer().endSpec()
                    .endTemplate()
                .endSpec().build();
    }

    static String hash(Deployment deployment) {
        return TemplateHash.of(deployment.getSpec().getTemplate());
    }

    /** A pod of the given template hash, Running and ready since {@code readySince}, or Pending when null. */
    static Pod pod(String hash, Instant readySince) {
        int n = SEQUENCE.incrementAndGet();
        PodBuilder pod = new PodBuilder().withNewMetadata().withNamespace("default").withName("web-" + hash + "-" + n)
                .withCreationTimestamp(NOW.minusSeconds(1000 - n).toString())
                .withLabels(Map.of("app", "web", PodFactory.TEMPLATE_HASH_LABEL, hash)).endMetadata()
                .withNewSpec().withNodeName("node-1").endSpec();
        if (readySince == null) {
            return pod.withNewStatus().withPhase("Pending").endStatus().build();
        }
        return pod.withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
                .withLastTransitionTime(readySince.toString()).endCondition().endStatus().build();
    }

    static Pod ready(String hash) {
        return pod(hash, NOW.minusSeconds(60));
    }

    static Pod notReady(String hash) {
        return pod(hash, null);
    }

    static Pod terminating(Pod pod) {
        pod.getMetadata().setDeletionTimestamp(NOW.plusSeconds(30).toString());
        return pod;
    }
}
