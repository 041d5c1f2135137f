package io.kubeplane.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.apiserver.http.UserInfo;
import io.kubeplane.model.KubernetesJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/** The filter lets allowed requests through and answers denied ones itself, 403 with a Status. */
class AuthorizationFilterTest {

    private static final UserInfo VIEWER = new UserInfo("viewer", "uid", List.of("system:authenticated"));

    private final AuthorizationFilter filter = new AuthorizationFilter(new RequestAttributesResolver(),
            new RoleAuthorizer(RoleBindings.of(List.of(RoleBinding.users(Role.VIEW, "viewer")))));

    @Test
    void anAllowedRequestGoesOn() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/services");
        request.setAttribute(UserInfo.ATTRIBUTE, VIEWER);
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }

    @Test
    void aDeniedRequestIsAnsweredForbiddenAndGoesNoFurther() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/namespaces/default/services");
        request.setAttribute(UserInfo.ATTRIBUTE, VIEWER);
        request.setContentType("application/json");
        request.setContent("{\"metadata\":{\"name\":\"web\"}}".getBytes());
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).isEqualTo("application/json");
        JsonNode status = KubernetesJson.JSON.readTree(response.getContentAsString());
        assertThat(status.at("/reason").asString()).isEqualTo("Forbidden");
        assertThat(status.at("/message").asString()).isEqualTo("services is forbidden: User \"viewer\" cannot create "
                + "resource \"services\" in API group \"\" in the namespace \"default\"");
    }

    @Test
    void theQueryDecidesBetweenListAndWatch() throws Exception {
        AuthorizationFilter editorOnly = new AuthorizationFilter(new RequestAttributesResolver(), new RoleAuthorizer(
                RoleBindings.of(List.of(new RoleBinding(Role.EDIT, List.of("viewer"), List.of(), List.of("team-a"))))));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/pods");
        request.setQueryString("watch=1&fieldSelector=metadata.name%3Dp1");
        request.setAttribute(UserInfo.ATTRIBUTE, VIEWER);
        MockHttpServletResponse response = new MockHttpServletResponse();

        editorOnly.doFilter(request, response, new MockFilterChain());

        assertThat(KubernetesJson.JSON.readTree(response.getContentAsString()).at("/message").asString())
                .isEqualTo("pods \"p1\" is forbidden: User \"viewer\" cannot watch resource \"pods\" in API group \"\" "
                           + "at the cluster scope");
    }

    @Test
    void aRequestAuthenticationLeftOpenGoesOn() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/healthz");
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }
}
