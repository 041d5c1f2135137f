package io.kubeplane.workload.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubeplane.workload.pods.PodStates;
import io.kubeplane.workload.replicaset.PodFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Deployments, ReplicaSets and pods for the planner and status tests. */
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

    /** A ReplicaSet of the Deployment for {@code hash}, created {@code ageSeconds} ago, as its controller writes it. */
    static ReplicaSet replicaSet(Deployment deployment, String hash, int replicas, long revision, int ageSeconds) {
        ReplicaSet replicaSet = NewReplicaSets.of(deployment, hash, replicas, revision, 0);
        replicaSet.getMetadata().setUid("uid-rs-" + hash);
        replicaSet.getMetadata().setCreationTimestamp(NOW.minusSeconds(ageSeconds).toString());
        return replicaSet;
    }

    /**
     * The Deployment's ReplicaSets as its pods imply them: one per template hash among the pods,
     * asking for as many replicas as it has active pods, older hashes created earlier.
     */
    static List<OwnedReplicaSet> byHash(Deployment deployment, List<Pod> pods) {
        Map<String, List<Pod>> groups = new LinkedHashMap<>();
        pods.forEach(p -> groups.computeIfAbsent(p.getMetadata().getLabels().get(PodFactory.TEMPLATE_HASH_LABEL),
                h -> new ArrayList<>()).add(p));
        List<OwnedReplicaSet> sets = new ArrayList<>();
        int revision = 0;
        for (Map.Entry<String, List<Pod>> group : groups.entrySet()) {
            int active = (int) group.getValue().stream().filter(PodStates::active).count();
            revision++;
            sets.add(new OwnedReplicaSet(replicaSet(deployment, group.getKey(), active, revision, 1000 - revision),
                    group.getValue()));
        }
        return sets;
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
