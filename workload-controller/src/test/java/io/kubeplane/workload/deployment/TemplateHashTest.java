package io.kubeplane.workload.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateHashTest {

    @Test
    void looksLikeAClustersHashAndFollowsTheTemplate() {
        Deployment v1 = DeploymentFixtures.deployment(1, "nginx:1.27");
        String hash = TemplateHash.of(v1.getSpec().getTemplate());
        assertThat(hash).matches("[" + TemplateHash.SAFE_ALPHABET + "]{1,10}");
        assertThat(TemplateHash.of(DeploymentFixtures.deployment(5, "nginx:1.27").getSpec().getTemplate()))
                .as("replicas are not part of the template").isEqualTo(hash);
        assertThat(TemplateHash.of(DeploymentFixtures.deployment(1, "nginx:1.28").getSpec().getTemplate())).isNotEqualTo(hash);
    }

    @Test
    void labelOrderDoesNotChangeTheHash() {
        Deployment a = DeploymentFixtures.deployment(1, "nginx");
        Deployment b = DeploymentFixtures.deployment(1, "nginx");
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("app", "web");
        forward.put("tier", "front");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("tier", "front");
        backward.put("app", "web");
        a.getSpec().getTemplate().getMetadata().setLabels(forward);
        b.getSpec().getTemplate().getMetadata().setLabels(backward);
        assertThat(TemplateHash.of(a.getSpec().getTemplate())).isEqualTo(TemplateHash.of(b.getSpec().getTemplate()));
    }

    @Test
    void aCollisionCountGivesANewHash() {
        Deployment web = DeploymentFixtures.deployment(1, "nginx");
        String plain = TemplateHash.of(web);
        web.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withCollisionCount(1).build());
        assertThat(TemplateHash.of(web)).isNotEqualTo(plain).isEqualTo(TemplateHash.of(web.getSpec().getTemplate(), 1));
    }

    @Test
    void aNewReplicaSetCarriesTheHashInItsNameLabelsSelectorAndTemplate() {
        Deployment web = DeploymentFixtures.deployment(3, "nginx");
        web.getMetadata().setAnnotations(Map.of("team", "edge", "kubectl.kubernetes.io/last-applied-configuration", "{}",
                Revisions.REVISION, "4"));
        String hash = TemplateHash.of(web);
        var replicaSet = NewReplicaSets.of(web, hash, 1, 5, 1);
        assertThat(replicaSet.getMetadata().getName()).isEqualTo("web-" + hash);
        assertThat(replicaSet.getMetadata().getLabels()).containsEntry("app", "web").containsEntry("pod-template-hash", hash);
        assertThat(replicaSet.getSpec().getSelector().getMatchLabels()).containsEntry("app", "web").containsEntry("pod-template-hash", hash);
        assertThat(replicaSet.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("pod-template-hash", hash);
        assertThat(web.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey("pod-template-hash");
        assertThat(replicaSet.getSpec().getReplicas()).isEqualTo(1);
        assertThat(replicaSet.getMetadata().getAnnotations()).containsEntry("team", "edge")
                .containsEntry(Revisions.REVISION, "5").containsEntry(Revisions.DESIRED_REPLICAS, "3")
                .containsEntry(Revisions.MAX_REPLICAS, "4").doesNotContainKey("kubectl.kubernetes.io/last-applied-configuration");
        assertThat(replicaSet.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("Deployment");
            assertThat(owner.getUid()).isEqualTo("uid-web");
            assertThat(owner.getController()).isTrue();
        });
    }
}
