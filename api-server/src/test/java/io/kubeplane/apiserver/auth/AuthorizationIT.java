package io.kubeplane.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.apiserver.ApiClient;
import io.kubeplane.apiserver.ApiClient.Response;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Authorization over HTTP against a running api-server ({@link AuthorizationHarness}): an admin,
 * a viewer, an editor of team-a and a user bound to nothing get 200/201 or 403 with
 * kube-apiserver's message, and a forbidden write changes nothing.
 *
 * <p>Objects: namespaces team-a (alice edits it) and other, Service other/web, Node n1, all made
 * by the admin before the tests; tests that write use names of their own.
 */
class AuthorizationIT {

    private static final String OTHER = "other";
    private static final String TEAM = AuthorizationHarness.TEAM_NAMESPACE;

    private static AuthorizationHarness server;

    @BeforeAll
    static void start() {
        server = new AuthorizationHarness();
        ApiClient admin = server.admin();
        expect(admin.post("/api/v1/namespaces", namespace(TEAM)), 201);
        expect(admin.post("/api/v1/namespaces", namespace(OTHER)), 201);
        expect(admin.post(services(OTHER), service("web")), 201);
        expect(admin.post("/api/v1/nodes", "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"n1\"}}"), 201);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void adminDoesEverything() {
        ApiClient admin = server.admin();

        assertThat(admin.get("/api/v1/services").status()).isEqualTo(200);
        assertThat(admin.post(services(OTHER), service("admin-made")).status()).isEqualTo(201);
        assertThat(admin.delete(services(OTHER) + "/admin-made").status()).isEqualTo(200);
        assertThat(admin.patch("/api/v1/nodes/n1", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"touched\":\"yes\"}}}").status()).isEqualTo(200);
    }

    @Test
    void viewerReadsEverythingEverywhere() throws Exception {
        ApiClient viewer = server.viewer();

        Response services = viewer.get("/api/v1/services");
        assertThat(services.status()).isEqualTo(200);
        assertThat(services.json().at("/items").findValuesAsString("name")).contains("web");
        assertThat(viewer.get(services(OTHER) + "/web").status()).isEqualTo(200);
        assertThat(viewer.get(services(OTHER) + "/web/status").status()).isEqualTo(200);
        assertThat(viewer.get("/api/v1/nodes/n1").status()).isEqualTo(200);
        assertThat(viewer.get("/apis/apps/v1/deployments").status()).isEqualTo(200);
        try (ApiClient.Watch watch = viewer.watch("/api/v1/namespaces/" + OTHER + "/services?watch=1&timeoutSeconds=1")) {
            assertThat(watch.status()).isEqualTo(200);
            assertThat(watch.next(Duration.ofSeconds(10)).at("/object/metadata/name").asString()).isEqualTo("web");
            // Let the server end the stream (timeoutSeconds) rather than hang up on it mid-write.
            assertThat(watch.reader().join(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void viewerCreatesAServiceAndIsForbidden() {
        Response response = server.viewer().post(services(OTHER), service("viewer-made"));

        assertForbidden(response, "services is forbidden: User \"viewer\" cannot create resource \"services\" "
                                  + "in API group \"\" in the namespace \"other\"");
        assertThat(response.json().at("/details/kind").asString()).isEqualTo("services");
        assertThat(response.json().at("/details/group").asString()).isEmpty();
        assertThat(server.admin().get(services(OTHER) + "/viewer-made").status()).isEqualTo(404);
    }

    @Test
    void viewerChangesAServiceAndNothingChanges() {
        ApiClient viewer = server.viewer();
        String before = server.admin().get(services(OTHER) + "/web").json().at("/metadata/resourceVersion").asString();

        assertForbidden(viewer.patch(services(OTHER) + "/web", "application/merge-patch+json",
                        "{\"metadata\":{\"labels\":{\"hacked\":\"yes\"}}}"),
                "services \"web\" is forbidden: User \"viewer\" cannot patch resource \"services\" in API group \"\" "
                + "in the namespace \"other\"");
        assertForbidden(viewer.put(services(OTHER) + "/web/status", service("web")),
                "services \"web\" is forbidden: User \"viewer\" cannot update resource \"services/status\" "
                + "in API group \"\" in the namespace \"other\"");
        assertForbidden(viewer.delete(services(OTHER)),
                "services is forbidden: User \"viewer\" cannot deletecollection resource \"services\" "
                + "in API group \"\" in the namespace \"other\"");

        JsonNode web = server.admin().get(services(OTHER) + "/web").json();
        assertThat(web.at("/metadata/resourceVersion").asString()).isEqualTo(before);
        assertThat(web.at("/metadata/labels/hacked").isMissingNode()).isTrue();
    }

    @Test
    void viewerDeletesANodeAndItStays() {
        Response response = server.viewer().delete("/api/v1/nodes/n1");

        assertForbidden(response, "nodes \"n1\" is forbidden: User \"viewer\" cannot delete resource \"nodes\" "
                                  + "in API group \"\" at the cluster scope");
        assertThat(response.json().at("/details/name").asString()).isEqualTo("n1");
        assertThat(server.admin().get("/api/v1/nodes/n1").status()).isEqualTo(200);
    }

    @Test
    void editorWritesInItsNamespace() {
        ApiClient alice = server.editor();

        assertThat(alice.post(services(TEAM), service("alice-made")).status()).isEqualTo(201);
        assertThat(alice.get(services(TEAM) + "/alice-made").status()).isEqualTo(200);
        assertThat(alice.patch(services(TEAM) + "/alice-made", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"owner\":\"alice\"}}}").status()).isEqualTo(200);
        assertThat(alice.get(services(TEAM) + "?watch=false").status()).isEqualTo(200);
        assertThat(alice.delete(services(TEAM) + "/alice-made").status()).isEqualTo(200);
    }

    @Test
    void editorCreatesAServiceInAnotherNamespaceAndIsForbidden() {
        assertForbidden(server.editor().post(services(OTHER), service("alice-elsewhere")),
                "services is forbidden: User \"alice\" cannot create resource \"services\" in API group \"\" "
                + "in the namespace \"other\"");
        assertThat(server.admin().get(services(OTHER) + "/alice-elsewhere").status()).isEqualTo(404);
    }

    @Test
    void editorReadsNeitherOtherNamespacesNorTheClusterScope() {
        ApiClient alice = server.editor();

        assertForbidden(alice.get(services(OTHER) + "/web"),
                "services \"web\" is forbidden: User \"alice\" cannot get resource \"services\" in API group \"\" "
                + "in the namespace \"other\"");
        assertForbidden(alice.get("/api/v1/services"),
                "services is forbidden: User \"alice\" cannot list resource \"services\" in API group \"\" "
                + "at the cluster scope");
        assertForbidden(alice.get("/api/v1/services?watch=true"),
                "services is forbidden: User \"alice\" cannot watch resource \"services\" in API group \"\" "
                + "at the cluster scope");
        assertForbidden(alice.get("/api/v1/nodes/n1"),
                "nodes \"n1\" is forbidden: User \"alice\" cannot get resource \"nodes\" in API group \"\" "
                + "at the cluster scope");
    }

    @Test
    void editorReadsNamespacesButDeletesNoneOfThem() {
        ApiClient alice = server.editor();

        assertThat(alice.get("/api/v1/namespaces").status()).isEqualTo(200);
        assertThat(alice.get("/api/v1/namespaces/" + TEAM).status()).isEqualTo(200);
        assertForbidden(alice.delete("/api/v1/namespaces/" + TEAM),
                "namespaces \"team-a\" is forbidden: User \"alice\" cannot delete resource \"namespaces\" "
                + "in API group \"\" in the namespace \"team-a\"");
        assertForbidden(alice.post("/api/v1/namespaces", namespace("alice-ns")),
                "namespaces is forbidden: User \"alice\" cannot create resource \"namespaces\" in API group \"\" "
                + "at the cluster scope");
        JsonNode team = server.admin().get("/api/v1/namespaces/" + TEAM).json();
        assertThat(team.at("/metadata/deletionTimestamp").isMissingNode()).isTrue();
        assertThat(team.at("/status/phase").asString()).isEqualTo("Active");
        assertThat(server.admin().get("/api/v1/namespaces/alice-ns").status()).isEqualTo(404);
    }

    @Test
    void editorDeletesANodeAndItStays() {
        assertForbidden(server.editor().delete("/api/v1/nodes/n1"),
                "nodes \"n1\" is forbidden: User \"alice\" cannot delete resource \"nodes\" in API group \"\" "
                + "at the cluster scope");
        assertThat(server.admin().get("/api/v1/nodes/n1").status()).isEqualTo(200);
    }

    @Test
    void everyUserReadsDiscoveryAndPublicInfo() {
        ApiClient bob = server.unbound();

        for (String path : new String[] {"/api", "/api/v1", "/apis", "/apis/apps/v1", "/version", "/readyz", "/v3/api-docs"}) {
            assertThat(bob.get(path).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void aUserBoundToNothingGetsNoResource() {
        ApiClient bob = server.unbound();

        assertForbidden(bob.get("/api/v1/namespaces/" + OTHER + "/pods"),
                "pods is forbidden: User \"bob\" cannot list resource \"pods\" in API group \"\" in the namespace \"other\"");
        assertForbidden(bob.post("/api/v1", "{}"), "forbidden: User \"bob\" cannot post path \"/api/v1\"");
    }

    @Test
    void theSecurePortAuthorizesTheSameWay() throws Exception {
        HttpClient trusting = HttpClient.newBuilder().sslContext(trusting()).build();

        HttpResponse<String> response = trusting.send(HttpRequest.newBuilder(URI.create(server.secureUrl() + "/api/v1/nodes/n1"))
                .header("Authorization", "Bearer " + AuthorizationHarness.EDITOR_TOKEN).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

        assertForbidden(new Response(response.statusCode(), response.body()),
                "nodes \"n1\" is forbidden: User \"alice\" cannot delete resource \"nodes\" in API group \"\" "
                + "at the cluster scope");
    }

    private static void assertForbidden(Response response, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        JsonNode status = response.json();
        assertThat(status.at("/kind").asString()).isEqualTo("Status");
        assertThat(status.at("/reason").asString()).isEqualTo("Forbidden");
        assertThat(status.at("/code").asInt()).isEqualTo(403);
        assertThat(status.at("/message").asString()).isEqualTo(message);
    }

    private static void expect(Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response);
        }
    }

    private static String services(String namespace) {
        return "/api/v1/namespaces/" + namespace + "/services";
    }

    private static String namespace(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}";
    }

    private static String service(String name) {
        return """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s"},
                 "spec":{"selector":{"app":"%s"},"ports":[{"name":"http","port":80,"targetPort":8080}]}}"""
                .formatted(name, name);
    }

    private static SSLContext trusting() throws Exception {
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(server.caCertificate())) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("kubeplane-ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
