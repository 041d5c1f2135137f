package io.kubeplane.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.apiserver.http.UserInfo;
import io.kubeplane.model.KubernetesJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The 403 body: a Kubernetes Status as kube-apiserver's RBAC denial writes it. */
class ForbiddenStatusTest {

    private static final UserInfo ALICE = new UserInfo("alice", "uid", List.of("system:authenticated"));

    @Test
    void anObjectRequestNamesTheObjectTheGroupAndTheResourceInItsDetails() {
        RequestAttributes request = RequestAttributes.resource(ALICE, "update", "apps", "deployments", "scale", "team-b",
                "web", "/apis/apps/v1/namespaces/team-b/deployments/web/scale");

        JsonNode status = KubernetesJson.toTree(ForbiddenStatus.of(request));

        assertThat(status.at("/kind").asString()).isEqualTo("Status");
        assertThat(status.at("/apiVersion").asString()).isEqualTo("v1");
        assertThat(status.at("/status").asString()).isEqualTo("Failure");
        assertThat(status.at("/code").asInt()).isEqualTo(403);
        assertThat(status.at("/reason").asString()).isEqualTo("Forbidden");
        assertThat(status.at("/message").asString()).isEqualTo("deployments.apps \"web\" is forbidden: User \"alice\" "
                + "cannot update resource \"deployments/scale\" in API group \"apps\" in the namespace \"team-b\"");
        assertThat(status.at("/details/name").asString()).isEqualTo("web");
        assertThat(status.at("/details/group").asString()).isEqualTo("apps");
        assertThat(status.at("/details/kind").asString()).isEqualTo("deployments");
    }

    @Test
    void aCollectionRequestHasNoNameInItsDetails() {
        RequestAttributes request = RequestAttributes.resource(ALICE, "list", "", "services", null, null, null,
                "/api/v1/services");

        JsonNode status = KubernetesJson.toTree(ForbiddenStatus.of(request));

        assertThat(status.at("/details/name").isMissingNode()).isTrue();
        assertThat(status.at("/details/kind").asString()).isEqualTo("services");
        assertThat(status.at("/details/group").asString()).isEmpty();
    }

    @Test
    void aPathRequestHasNoDetails() {
        JsonNode status = KubernetesJson.toTree(ForbiddenStatus.of(RequestAttributes.nonResource(ALICE, "post", "/version")));

        assertThat(status.at("/message").asString()).isEqualTo("forbidden: User \"alice\" cannot post path \"/version\"");
        assertThat(status.at("/details").isMissingNode()).isTrue();
    }

    @Test
    void namesAreQuotedAsGoQuotesThem() {
        UserInfo odd = new UserInfo("eve \"the\" \\ user\n", "uid", List.of());

        assertThat(ForbiddenStatus.message(RequestAttributes.nonResource(odd, "get", "/x")))
                .isEqualTo("forbidden: User \"eve \\\"the\\\" \\\\ user\\n\" cannot get path \"/x\"");
    }
}
