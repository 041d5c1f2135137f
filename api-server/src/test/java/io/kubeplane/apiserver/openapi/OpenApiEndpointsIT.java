package io.kubeplane.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.apiserver.ApiServerHarness;
import io.kubeplane.apiserver.SharedApiServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /openapi/v2} and {@code /openapi/v3} over HTTP: content negotiation, the hash URLs of the v3
 * index with their cache headers and redirects, ETags, and authentication.
 */
class OpenApiEndpointsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApiServerHarness server = SharedApiServer.get();
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + ApiServerHarness.ADMIN_TOKEN);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void v2AnswersKubectlsProtobufRequestInProtobufAndOthersInJson() throws Exception {
        HttpResponse<byte[]> protobuf = get("/openapi/v2", "Accept",
                "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
        assertThat(protobuf.statusCode()).isEqualTo(200);
        assertThat(protobuf.headers().firstValue("Content-Type")).hasValue(
                "application/com.github.proto-openapi.spec.v2.v1.0+protobuf");
        assertThat(protobuf.headers().firstValue("ETag")).isPresent();

        HttpResponse<byte[]> json = get("/openapi/v2", "Accept", "application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(JSON.readTree(json.body()).at("/definitions/io.k8s.api.core.v1.Service/x-kubernetes-group-version-kind/0/kind")
                .asString()).isEqualTo("Service");

        assertThat(get("/openapi/v2", "Accept", "text/html").statusCode()).isEqualTo(406);
    }

    @Test
    void anUnchangedDocumentIsNotSentAgain() throws Exception {
        String etag = get("/openapi/v2", "Accept", "application/json").headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> again = get("/openapi/v2", "Accept", "application/json", "If-None-Match", etag);

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void theV3IndexLeadsToImmutableDocumentsByHash() throws Exception {
        JsonNode index = JSON.readTree(get("/openapi/v3").body());
        String url = index.at("/paths/apis~1apps~1v1/serverRelativeURL").asString();
        assertThat(url).startsWith("/openapi/v3/apis/apps/v1?hash=");

        HttpResponse<byte[]> hashed = get(url, "Accept", "application/json");
        assertThat(hashed.statusCode()).isEqualTo(200);
        assertThat(hashed.headers().firstValue("Cache-Control")).hasValue("public, immutable");
        assertThat(hashed.headers().firstValue("Expires")).isPresent();
        assertThat(hashed.headers().firstValue("ETag")).hasValue("\"" + url.substring(url.indexOf('=') + 1) + "\"");
        assertThat(JSON.readTree(hashed.body()).at("/components/schemas/io.k8s.api.apps.v1.Deployment").isObject()).isTrue();

        HttpResponse<byte[]> plain = get("/openapi/v3/apis/apps/v1", "Accept", "application/json");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Cache-Control")).isEmpty();

        HttpResponse<byte[]> stale = get("/openapi/v3/apis/apps/v1?hash=0123", "Accept", "application/json");
        assertThat(stale.statusCode()).isEqualTo(301);
        assertThat(stale.headers().firstValue("Location")).hasValue(url);

        assertThat(get("/openapi/v3/apis/batch/v1").statusCode()).isEqualTo(404);
    }

    @Test
    void theDocumentsNeedAToken() throws Exception {
        HttpResponse<byte[]> anonymous = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/openapi/v3")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
