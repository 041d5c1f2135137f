package io.kubeplane.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.apiserver.http.UserInfo;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Method, path and query to the attributes kube-apiserver's RequestInfoFactory would give. */
class RequestAttributesResolverTest {

    private static final UserInfo ALICE = new UserInfo("alice", "alice-uid", List.of("system:authenticated"));

    private final RequestAttributesResolver resolver = new RequestAttributesResolver();

    /** A request line, e.g. {@code GET /api/v1/services?watch=1}. */
    record Line(String method, String uri) {
        static Line of(String line) {
            int space = line.indexOf(' ');
            return new Line(line.substring(0, space), line.substring(space + 1));
        }
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                resource("lists services in a namespace", "GET /api/v1/namespaces/default/services",
                        "list", "", "services", null, "default", null),
                resource("lists services in all namespaces", "GET /api/v1/services",
                        "list", "", "services", null, null, null),
                resource("watches services with watch=true", "GET /api/v1/namespaces/default/services?watch=true",
                        "watch", "", "services", null, "default", null),
                resource("watches services with watch=1", "GET /api/v1/services?resourceVersion=5&watch=1",
                        "watch", "", "services", null, null, null),
                resource("lists services with watch=false", "GET /api/v1/services?watch=false",
                        "list", "", "services", null, null, null),
                resource("watches one service pinned by a field selector",
                        "GET /api/v1/namespaces/default/services?watch=true&fieldSelector=metadata.name%3Dweb",
                        "watch", "", "services", null, "default", "web"),
                resource("lists one pod pinned with == among other fields",
                        "GET /api/v1/pods?fieldSelector=spec.nodeName%3Dn1,metadata.name%3D%3Dp1",
                        "list", "", "pods", null, null, "p1"),
                resource("lists pods excluding a name: no name",
                        "GET /api/v1/pods?fieldSelector=metadata.name!%3Dp1",
                        "list", "", "pods", null, null, null),
                resource("gets one service", "GET /api/v1/namespaces/default/services/web",
                        "get", "", "services", null, "default", "web"),
                resource("heads one service", "HEAD /api/v1/namespaces/default/services/web",
                        "get", "", "services", null, "default", "web"),
                resource("gets a service with watch=true: still a get", "GET /api/v1/namespaces/default/services/web?watch=true",
                        "get", "", "services", null, "default", "web"),
                resource("creates a service: the name is in the body", "POST /api/v1/namespaces/default/services",
                        "create", "", "services", null, "default", null),
                resource("replaces a service", "PUT /api/v1/namespaces/default/services/web",
                        "update", "", "services", null, "default", "web"),
                resource("updates a service's status", "PUT /api/v1/namespaces/default/services/web/status",
                        "update", "", "services", "status", "default", "web"),
                resource("patches a deployment's scale", "PATCH /apis/apps/v1/namespaces/team-a/deployments/web/scale",
                        "patch", "apps", "deployments", "scale", "team-a", "web"),
                resource("deletes a service", "DELETE /api/v1/namespaces/default/services/web",
                        "delete", "", "services", null, "default", "web"),
                resource("binds a pod, as kube-scheduler", "POST /api/v1/namespaces/default/pods/web-1/binding",
                        "create", "", "pods", "binding", "default", "web-1"),
                resource("renews a node's lease", "PUT /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1",
                        "update", "coordination.k8s.io", "leases", null, "kube-node-lease", "node-1"),
                resource("deletes every service in a namespace", "DELETE /api/v1/namespaces/default/services?labelSelector=app%3Dweb",
                        "deletecollection", "", "services", null, "default", null),
                resource("lists endpoint slices in all namespaces", "GET /apis/discovery.k8s.io/v1/endpointslices",
                        "list", "discovery.k8s.io", "endpointslices", null, null, null),
                resource("lists namespaces", "GET /api/v1/namespaces",
                        "list", "", "namespaces", null, null, null),
                resource("creates a namespace", "POST /api/v1/namespaces",
                        "create", "", "namespaces", null, null, null),
                resource("gets a namespace, which is in itself", "GET /api/v1/namespaces/team-a",
                        "get", "", "namespaces", null, "team-a", "team-a"),
                resource("deletes a namespace", "DELETE /api/v1/namespaces/team-a",
                        "delete", "", "namespaces", null, "team-a", "team-a"),
                resource("finalizes a namespace", "PUT /api/v1/namespaces/team-a/finalize",
                        "update", "", "namespaces", "finalize", "team-a", "team-a"),
                resource("deletes a node", "DELETE /api/v1/nodes/n1",
                        "delete", "", "nodes", null, null, "n1"),
                resource("updates a node's status", "PUT /api/v1/nodes/n1/status",
                        "update", "", "nodes", "status", null, "n1"),
                resource("sends OPTIONS to a service: the method is the verb", "OPTIONS /api/v1/namespaces/default/services/web",
                        "options", "", "services", null, "default", "web"),
                nonResource("reads the API versions", "GET /api", "get"),
                nonResource("reads the core group", "GET /api/v1", "get"),
                nonResource("reads the core group with a trailing slash", "GET /api/v1/", "get"),
                nonResource("reads the API groups", "GET /apis", "get"),
                nonResource("reads a group version", "GET /apis/apps/v1", "get"),
                nonResource("reads the version", "GET /version", "get"),
                nonResource("posts to the version", "POST /version", "post"),
                nonResource("reads a path too deep for a resource", "GET /api/v1/namespaces/default/pods/p/status/extra", "get"),
                nonResource("reads the live page", "GET /ui/index.html?x=1", "get"));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void resolvesWhatARequestAsks(Line line, RequestAttributes expected) {
        int question = line.uri().indexOf('?');
        String path = question < 0 ? line.uri() : line.uri().substring(0, question);
        String query = question < 0 ? null : line.uri().substring(question + 1);

        assertThat(resolver.resolve(ALICE, line.method(), path, query)).isEqualTo(expected);
    }

    private static Arguments resource(String situation, String line, String verb, String group, String resource,
                                      @Nullable String subresource, @Nullable String namespace, @Nullable String name) {
        Line parsed = Line.of(line);
        String path = parsed.uri().contains("?") ? parsed.uri().substring(0, parsed.uri().indexOf('?')) : parsed.uri();
        return Arguments.of(Named.of(situation, parsed),
                RequestAttributes.resource(ALICE, verb, group, resource, subresource, namespace, name, path));
    }

    private static Arguments nonResource(String situation, String line, String verb) {
        Line parsed = Line.of(line);
        String path = parsed.uri().contains("?") ? parsed.uri().substring(0, parsed.uri().indexOf('?')) : parsed.uri();
        return Arguments.of(Named.of(situation, parsed), RequestAttributes.nonResource(ALICE, verb, path));
    }
}
