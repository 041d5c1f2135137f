package io.kubeplane.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** Bearer tokens on every request, open health endpoints, and TLS with the generated CA. */
class AuthenticationIT {

    private final ApiServerHarness server = SharedApiServer.get();

    @Test
    void requestsWithoutAValidTokenAreUnauthorized() {
        ApiErrorsIT.assertStatus(server.client().withToken(null).get("/api/v1/namespaces"), 401, "Unauthorized", "Unauthorized");
        ApiErrorsIT.assertStatus(server.client().withToken("wrong").get("/api/v1/namespaces"), 401, "Unauthorized", "Unauthorized");
        ApiErrorsIT.assertStatus(server.client().withToken(null).post("/api/v1/namespaces",
                "{\"metadata\":{\"name\":\"sneaky\"}}"), 401, "Unauthorized", "Unauthorized");
        assertThat(server.client().get("/api/v1/namespaces/sneaky").status()).isEqualTo(404);
    }

    @Test
    void healthAndVersionAreOpen() {
        ApiClient anonymous = server.client().withToken(null);

        assertThat(anonymous.get("/healthz").body()).isEqualTo("ok");
        assertThat(anonymous.get("/livez").status()).isEqualTo(200);
        assertThat(anonymous.get("/readyz").status()).isEqualTo(200);
        assertThat(anonymous.get("/version").json().at("/major").asString()).isEqualTo("1");
    }

    @Test
    void theSecurePortServesTheApiWithTheGeneratedCa() throws Exception {
        HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(server)).build();

        HttpResponse<String> response = trusting.send(HttpRequest.newBuilder(URI.create(server.secureUrl() + "/api/v1/namespaces/default"))
                .header("Authorization", "Bearer " + ApiServerHarness.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\":\"default\"");
    }

    @Test
    void theSecurePortIsNotTrustedWithoutTheCa() {
        HttpClient plain = HttpClient.newHttpClient();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> plain.send(
                        HttpRequest.newBuilder(URI.create(server.secureUrl() + "/version")).build(),
                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("PKIX");
    }

    static SSLContext trusting(ApiServerHarness server) throws Exception {
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
