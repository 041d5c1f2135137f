package io.kubeplane.workload.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
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
    void podsAreNamedLabelledAndOwnedAsTheReplicaSetControllerDoes() {
        Deployment web = DeploymentFixtures.deployment(1, "nginx");
        String hash = TemplateHash.of(web.getSpec().getTemplate());
        var pod = PodFactory.newPod(web, hash, new Random(1));
        assertThat(pod.getMetadata().getName()).matches("web-" + hash + "-[" + TemplateHash.SAFE_ALPHABET + "]{5}");
        assertThat(pod.getMetadata().getLabels()).containsEntry("app", "web").containsEntry("pod-template-hash", hash);
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("Deployment");
            assertThat(owner.getUid()).isEqualTo("uid-web");
            assertThat(owner.getController()).isTrue();
        });
        assertThat(pod.getSpec().getContainers()).singleElement().satisfies(c -> assertThat(c.getImage()).isEqualTo("nginx"));
    }

    @Test
    void longNamesAreCutToFitSixtyThreeCharacters() {
        String name = PodFactory.name("x".repeat(70) + "-", new Random(2));
        assertThat(name).hasSize(63);
    }
}
