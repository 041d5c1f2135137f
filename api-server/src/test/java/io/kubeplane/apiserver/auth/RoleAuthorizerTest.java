package io.kubeplane.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.apiserver.http.UserInfo;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may do what: each user against requests, answered "allowed" or with kube-apiserver's exact
 * 403 message. Requests go through {@link RequestAttributesResolver}, so the table reads as HTTP.
 *
 * <p>Users: admin (group system:masters, bound by no file), viewer (view), alice (edit in team-a
 * and team-b), carol (edit in team-a through the group team-a-devs), dave (view, and edit in
 * team-b), bob (authenticated, no binding).
 */
class RoleAuthorizerTest {

    private static final String ALLOWED = "allowed";

    private static final UserInfo ADMIN = user("admin", "system:masters");
    private static final UserInfo VIEWER = user("viewer");
    private static final UserInfo ALICE = user("alice");
    private static final UserInfo CAROL = user("carol", "team-a-devs");
    private static final UserInfo DAVE = user("dave");
    private static final UserInfo BOB = user("bob");

    private static final RoleBindings BINDINGS = RoleBindings.of(List.of(
            RoleBinding.users(Role.VIEW, "viewer", "dave"),
            new RoleBinding(Role.EDIT, List.of("alice"), List.of(), List.of("team-a", "team-b")),
            new RoleBinding(Role.EDIT, List.of(), List.of("team-a-devs"), List.of("team-a")),
            new RoleBinding(Role.EDIT, List.of("dave"), List.of(), List.of("team-b"))));

    private final RoleAuthorizer authorizer = new RoleAuthorizer(BINDINGS);
    private final RequestAttributesResolver resolver = new RequestAttributesResolver();

    record Ask(UserInfo user, String method, String uri) {
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                // cluster-admin
                ask("admin deletes a node", ADMIN, "DELETE /api/v1/nodes/n1", ALLOWED),
                ask("admin creates a namespace", ADMIN, "POST /api/v1/namespaces", ALLOWED),
                ask("admin deletes every service in all namespaces", ADMIN, "DELETE /api/v1/services", ALLOWED),
                ask("admin posts to a path nobody serves", ADMIN, "POST /logs/x", ALLOWED),
                // view
                ask("viewer lists pods in all namespaces", VIEWER, "GET /api/v1/pods", ALLOWED),
                ask("viewer watches services in a namespace", VIEWER, "GET /api/v1/namespaces/default/services?watch=1", ALLOWED),
                ask("viewer gets a service's status", VIEWER, "GET /api/v1/namespaces/default/services/web/status", ALLOWED),
                ask("viewer gets a node", VIEWER, "GET /api/v1/nodes/n1", ALLOWED),
                ask("viewer lists deployments", VIEWER, "GET /apis/apps/v1/deployments", ALLOWED),
                ask("viewer creates a service", VIEWER, "POST /api/v1/namespaces/default/services",
                        "services is forbidden: User \"viewer\" cannot create resource \"services\" in API group \"\" "
                        + "in the namespace \"default\""),
                ask("viewer deletes a node", VIEWER, "DELETE /api/v1/nodes/n1",
                        "nodes \"n1\" is forbidden: User \"viewer\" cannot delete resource \"nodes\" in API group \"\" "
                        + "at the cluster scope"),
                ask("viewer scales a deployment", VIEWER, "PATCH /apis/apps/v1/namespaces/team-a/deployments/web/scale",
                        "deployments.apps \"web\" is forbidden: User \"viewer\" cannot patch resource \"deployments/scale\" "
                        + "in API group \"apps\" in the namespace \"team-a\""),
                ask("viewer deletes every endpoint slice in a namespace", VIEWER,
                        "DELETE /apis/discovery.k8s.io/v1/namespaces/default/endpointslices",
                        "endpointslices.discovery.k8s.io is forbidden: User \"viewer\" cannot deletecollection resource "
                        + "\"endpointslices\" in API group \"discovery.k8s.io\" in the namespace \"default\""),
                ask("viewer sends OPTIONS to a service", VIEWER, "OPTIONS /api/v1/namespaces/default/services/web",
                        "services \"web\" is forbidden: User \"viewer\" cannot options resource \"services\" in API group \"\" "
                        + "in the namespace \"default\""),
                // edit
                ask("editor creates a service in its namespace", ALICE, "POST /api/v1/namespaces/team-a/services", ALLOWED),
                ask("editor deletes every pod in its second namespace", ALICE, "DELETE /api/v1/namespaces/team-b/pods", ALLOWED),
                ask("editor updates a service's status in its namespace", ALICE,
                        "PUT /api/v1/namespaces/team-a/services/web/status", ALLOWED),
                ask("editor scales a deployment in its namespace", ALICE,
                        "PATCH /apis/apps/v1/namespaces/team-a/deployments/web/scale", ALLOWED),
                ask("editor watches services in its namespace", ALICE, "GET /api/v1/namespaces/team-a/services?watch=true", ALLOWED),
                ask("editor creates a service in another namespace", ALICE, "POST /api/v1/namespaces/default/services",
                        "services is forbidden: User \"alice\" cannot create resource \"services\" in API group \"\" "
                        + "in the namespace \"default\""),
                ask("editor gets a service in another namespace", ALICE, "GET /api/v1/namespaces/default/services/web",
                        "services \"web\" is forbidden: User \"alice\" cannot get resource \"services\" in API group \"\" "
                        + "in the namespace \"default\""),
                ask("editor lists services in all namespaces", ALICE, "GET /api/v1/services",
                        "services is forbidden: User \"alice\" cannot list resource \"services\" in API group \"\" "
                        + "at the cluster scope"),
                ask("editor watches one service in all namespaces", ALICE,
                        "GET /api/v1/services?watch=true&fieldSelector=metadata.name%3Dweb",
                        "services \"web\" is forbidden: User \"alice\" cannot watch resource \"services\" in API group \"\" "
                        + "at the cluster scope"),
                ask("editor lists namespaces", ALICE, "GET /api/v1/namespaces", ALLOWED),
                ask("editor watches namespaces", ALICE, "GET /api/v1/namespaces?watch=1", ALLOWED),
                ask("editor gets its own namespace", ALICE, "GET /api/v1/namespaces/team-a", ALLOWED),
                ask("editor gets another namespace", ALICE, "GET /api/v1/namespaces/default", ALLOWED),
                ask("editor deletes its own namespace", ALICE, "DELETE /api/v1/namespaces/team-a",
                        "namespaces \"team-a\" is forbidden: User \"alice\" cannot delete resource \"namespaces\" "
                        + "in API group \"\" in the namespace \"team-a\""),
                ask("editor finalizes its own namespace", ALICE, "PUT /api/v1/namespaces/team-a/finalize",
                        "namespaces \"team-a\" is forbidden: User \"alice\" cannot update resource \"namespaces/finalize\" "
                        + "in API group \"\" in the namespace \"team-a\""),
                ask("editor creates a namespace", ALICE, "POST /api/v1/namespaces",
                        "namespaces is forbidden: User \"alice\" cannot create resource \"namespaces\" in API group \"\" "
                        + "at the cluster scope"),
                ask("editor deletes a node", ALICE, "DELETE /api/v1/nodes/n1",
                        "nodes \"n1\" is forbidden: User \"alice\" cannot delete resource \"nodes\" in API group \"\" "
                        + "at the cluster scope"),
                ask("editor gets a node", ALICE, "GET /api/v1/nodes/n1",
                        "nodes \"n1\" is forbidden: User \"alice\" cannot get resource \"nodes\" in API group \"\" "
                        + "at the cluster scope"),
                ask("editor sends OPTIONS in its namespace", ALICE, "OPTIONS /api/v1/namespaces/team-a/services",
                        "services is forbidden: User \"alice\" cannot options resource \"services\" in API group \"\" "
                        + "in the namespace \"team-a\""),
                ask("editor through a group creates a deployment in the group's namespace", CAROL,
                        "POST /apis/apps/v1/namespaces/team-a/deployments", ALLOWED),
                ask("editor through a group creates a deployment elsewhere", CAROL,
                        "POST /apis/apps/v1/namespaces/team-b/deployments",
                        "deployments.apps is forbidden: User \"carol\" cannot create resource \"deployments\" "
                        + "in API group \"apps\" in the namespace \"team-b\""),
                // bindings add up
                ask("viewer and editor lists services in all namespaces", DAVE, "GET /api/v1/services", ALLOWED),
                ask("viewer and editor creates a service in its namespace", DAVE, "POST /api/v1/namespaces/team-b/services",
                        ALLOWED),
                ask("viewer and editor creates a service elsewhere", DAVE, "POST /api/v1/namespaces/team-a/services",
                        "services is forbidden: User \"dave\" cannot create resource \"services\" in API group \"\" "
                        + "in the namespace \"team-a\""),
                // no binding
                ask("user without binding lists services in all namespaces", BOB, "GET /api/v1/services",
                        "services is forbidden: User \"bob\" cannot list resource \"services\" in API group \"\" "
                        + "at the cluster scope"),
                ask("user without binding gets a service", BOB, "GET /api/v1/namespaces/default/services/web",
                        "services \"web\" is forbidden: User \"bob\" cannot get resource \"services\" in API group \"\" "
                        + "in the namespace \"default\""),
                // discovery and public info, for everyone
                ask("user without binding reads the API versions", BOB, "GET /api", ALLOWED),
                ask("user without binding reads the core group", BOB, "GET /api/v1", ALLOWED),
                ask("user without binding reads the API groups", BOB, "GET /apis", ALLOWED),
                ask("user without binding reads a group", BOB, "GET /apis/apps", ALLOWED),
                ask("user without binding reads a group version", BOB, "GET /apis/discovery.k8s.io/v1/", ALLOWED),
                ask("user without binding reads the version", BOB, "GET /version", ALLOWED),
                ask("user without binding reads the OpenAPI document", BOB, "GET /openapi/v3/api/v1", ALLOWED),
                ask("user without binding reads readiness verbosely", BOB, "GET /readyz?verbose", ALLOWED),
                ask("user without binding reads liveness", BOB, "GET /livez", ALLOWED),
                ask("user without binding reads health", BOB, "GET /healthz", ALLOWED),
                ask("user without binding opens Swagger UI", BOB, "GET /swagger-ui/index.html", ALLOWED),
                ask("user without binding reads the API docs", BOB, "GET /v3/api-docs/swagger-config", ALLOWED),
                ask("user without binding opens the live page", BOB, "GET /ui/", ALLOWED),
                ask("user without binding reads metrics", BOB, "GET /actuator/prometheus", ALLOWED),
                ask("user without binding posts to the core group", BOB, "POST /api/v1",
                        "forbidden: User \"bob\" cannot post path \"/api/v1\""),
                ask("viewer reads a path nobody serves", VIEWER, "GET /logs/",
                        "forbidden: User \"viewer\" cannot get path \"/logs/\""),
                ask("viewer climbs out of the live page with dot segments", VIEWER, "GET /ui/../metrics",
                        "forbidden: User \"viewer\" cannot get path \"/ui/../metrics\""),
                // the components' views (the visualizer): read by view and edit, traffic only by cluster-admin
                ask("viewer reads a node's rules", VIEWER, "GET /kubeplane/v1/nodes/node-1/rules?format=nftables", ALLOWED),
                ask("editor asks the DNS view", ALICE, "GET /kubeplane/v1/dns/explain?name=web.team-a.svc.cluster.local", ALLOWED),
                ask("admin sends traffic through a service", ADMIN, "POST /kubeplane/v1/namespaces/default/services/web/traffic",
                        ALLOWED),
                ask("viewer sends traffic through a service", VIEWER, "POST /kubeplane/v1/namespaces/default/services/web/traffic",
                        "forbidden: User \"viewer\" cannot post path \"/kubeplane/v1/namespaces/default/services/web/traffic\""),
                ask("viewer climbs out of the views with dot segments", VIEWER, "GET /kubeplane/v1/../../logs",
                        "forbidden: User \"viewer\" cannot get path \"/kubeplane/v1/../../logs\""),
                ask("user without binding reads a node's rules", BOB, "GET /kubeplane/v1/nodes/node-1/rules",
                        "forbidden: User \"bob\" cannot get path \"/kubeplane/v1/nodes/node-1/rules\""),
                ask("viewer reads a path too deep for a resource", VIEWER, "GET /api/v1/namespaces/a/pods/p/status/x",
                        "forbidden: User \"viewer\" cannot get path \"/api/v1/namespaces/a/pods/p/status/x\""));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void decides(Ask ask, String expected) {
        RequestAttributes attributes = resolve(ask);

        Decision decision = authorizer.authorize(attributes);

        assertThat(decision.allowed() ? ALLOWED : ForbiddenStatus.message(attributes)).isEqualTo(expected);
    }

    @Test
    void aDecisionSaysWhichBindingAllowed() {
        assertThat(authorizer.authorize(resolve(new Ask(CAROL, "POST", "/api/v1/namespaces/team-a/pods"))).reason())
                .isEqualTo("group \"team-a-devs\" is bound to edit in namespaces [team-a]");
        assertThat(authorizer.authorize(resolve(new Ask(ADMIN, "DELETE", "/api/v1/nodes/n1"))).reason())
                .isEqualTo("group \"system:masters\" is bound to cluster-admin");
    }

    @Test
    void aDenialSaysWhatTheUserIsBoundTo() {
        assertThat(authorizer.authorize(resolve(new Ask(DAVE, "DELETE", "/api/v1/nodes/n1"))).reason())
                .isEqualTo("user \"dave\" is bound to [view, edit in namespaces [team-b]], which do not allow it");
        assertThat(authorizer.authorize(resolve(new Ask(BOB, "GET", "/api/v1/pods"))).reason())
                .isEqualTo("no binding names user \"bob\" or its groups [system:authenticated]");
    }

    @Test
    void withoutAFileOnlySystemMastersIsBound() {
        RoleAuthorizer defaults = new RoleAuthorizer(RoleBindings.DEFAULT);

        assertThat(defaults.authorize(resolve(new Ask(ADMIN, "DELETE", "/api/v1/nodes/n1"))).allowed()).isTrue();
        assertThat(defaults.authorize(resolve(new Ask(VIEWER, "GET", "/api/v1/pods"))).allowed()).isFalse();
        assertThat(defaults.authorize(resolve(new Ask(VIEWER, "GET", "/apis"))).allowed()).isTrue();
    }

    private RequestAttributes resolve(Ask ask) {
        int question = ask.uri().indexOf('?');
        return resolver.resolve(ask.user(), ask.method(), question < 0 ? ask.uri() : ask.uri().substring(0, question),
                question < 0 ? null : ask.uri().substring(question + 1));
    }

    private static Arguments ask(String situation, UserInfo user, String line, String expected) {
        int space = line.indexOf(' ');
        return Arguments.of(Named.of(situation, new Ask(user, line.substring(0, space), line.substring(space + 1))), expected);
    }

    private static UserInfo user(String name, String... groups) {
        List<String> all = new java.util.ArrayList<>(List.of(groups));
        all.add("system:authenticated");
        return new UserInfo(name, name + "-uid", all);
    }
}
