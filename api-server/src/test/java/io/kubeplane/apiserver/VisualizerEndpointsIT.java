package io.kubeplane.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.apiserver.ApiClient.Response;
import org.junit.jupiter.api.Test;

/**
 * The visualizer's page and views on the api-server: the page is served without a token, with a
 * policy that forbids inline script; the views need a token; an api-server that knows no component
 * says so; the traffic probe refuses what it may not do (a ClusterIP-only Service, a count out of
 * range, a Service that does not exist, a name that is no name), each with a Kubernetes Status.
 */
class VisualizerEndpointsIT {

    private final ApiClient api = SharedApiServer.get().client();
    private final ApiClient anonymous = api.withToken(null);
    private final String ns = SharedApiServer.newNamespace("viz");

    @Test
    void thePageIsServedWithoutATokenUnderAStrictPolicy() {
        Response page = anonymous.get("/ui/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\"></script>").doesNotContain("onclick");
        assertThat(page.header("Content-Security-Policy")).singleElement().asString()
                .contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(page.header("X-Content-Type-Options")).containsExactly("nosniff");
        Response script = anonymous.get("/ui/app.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).singleElement().asString().contains("javascript");
        assertThat(script.body()).doesNotContain("innerHTML");
        assertThat(anonymous.get("/ui").status()).isEqualTo(302);
    }

    @Test
    void theViewsNeedAToken() {
        Response denied = anonymous.get("/kubeplane/v1/components");
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.json().path("reason").asString()).isEqualTo("Unauthorized");
        Response components = api.get("/kubeplane/v1/components");
        assertThat(components.status()).isEqualTo(200);
        assertThat(components.json().path("clusterDomain").asString()).isEqualTo("cluster.local");
        assertThat(components.json().path("dns").asBoolean()).isFalse();
    }

    @Test
    void aComponentWithoutAnAddressIsUnavailable() {
        Response dns = api.get("/kubeplane/v1/dns/explain?name=web.default.svc.cluster.local&type=A");
        assertThat(dns.status()).isEqualTo(503);
        assertThat(dns.json().path("message").asString()).contains("dns-service");
        Response node = api.get("/kubeplane/v1/nodes/node-9/rules");
        assertThat(node.status()).isEqualTo(404);
        assertThat(node.json().path("message").asString()).contains("node-9");
    }

    @Test
    void trafficIsRefusedWhereItCannotEnter() {
        api.post("/api/v1/namespaces/" + ns + "/services", """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"inside"},
                 "spec":{"selector":{"app":"web"},"ports":[{"port":80,"targetPort":8080}]}}""");
        String traffic = "/kubeplane/v1/namespaces/" + ns + "/services/inside/traffic?via=node-1&count=10";
        Response clusterIp = api.post(traffic, "");
        assertThat(clusterIp.status()).isEqualTo(400);
        assertThat(clusterIp.json().path("kind").asString()).isEqualTo("Status");
        assertThat(clusterIp.json().path("message").asString()).contains("has no nodePort");

        Response tooMany = api.post(traffic.replace("count=10", "count=501"), "");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().path("message").asString()).contains("count must be between 1 and 500");

        Response missing = api.post("/kubeplane/v1/namespaces/" + ns + "/services/nobody/traffic?via=node-1", "");
        assertThat(missing.status()).isEqualTo(404);

        Response badName = api.post("/kubeplane/v1/namespaces/" + ns + "/services/Not_A_Name/traffic?via=node-1", "");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.json().path("message").asString()).contains("not a valid name");

        Response noEntry = api.post("/kubeplane/v1/namespaces/" + ns + "/services/inside/traffic", "");
        assertThat(noEntry.status()).isEqualTo(400);
        assertThat(noEntry.json().path("message").asString()).contains("via");
    }
}
