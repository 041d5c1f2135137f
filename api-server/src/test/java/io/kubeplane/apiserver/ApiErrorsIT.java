package io.kubeplane.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.apiserver.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bad input gets a Kubernetes {@code Status} with the right code, reason and field, and changes
 * nothing.
 */
class ApiErrorsIT {

    private ApiClient api;
    private String ns;
    private String services;

    @BeforeEach
    void namespace() {
        api = SharedApiServer.get().client();
        ns = SharedApiServer.newNamespace("errors");
        services = "/api/v1/namespaces/" + ns + "/services";
    }

    @Test
    void aMissingObjectIsNotFound() {
        Response response = api.get(services + "/nope");

        assertStatus(response, 404, "NotFound", "services \"nope\" not found");
        assertThat(response.json().at("/details/name").asString()).isEqualTo("nope");
        assertThat(response.json().at("/details/kind").asString()).isEqualTo("services");
    }

    @Test
    void anUnknownResourceIsNotFound() {
        assertStatus(api.get("/api/v1/namespaces/" + ns + "/gizmos"), 404, "NotFound",
                "the server could not find the requested resource");
    }

    @Test
    void creatingTwiceIsAlreadyExists() {
        api.post(services, ResourceVerbsIT.service("web", ""));

        assertStatus(api.post(services, ResourceVerbsIT.service("web", "")), 409, "AlreadyExists",
                "services \"web\" already exists");
    }

    @Test
    void creatingInAMissingNamespaceIsNotFound() {
        assertStatus(api.post("/api/v1/namespaces/no-such-ns/services", ResourceVerbsIT.service("web", "")),
                404, "NotFound", "namespaces \"no-such-ns\" not found");
    }

    @Test
    void anInvalidServiceListsEveryBadFieldAndIsNotStored() {
        Response response = api.post(services, """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"Bad_Name"},
                 "spec":{"type":"Weird","ports":[{"name":"a","port":0},{"name":"a","port":70000,"protocol":"ICMP"}],
                         "sessionAffinity":"Sometimes"}}""");

        assertThat(response.status()).isEqualTo(422);
        JsonNode status = response.json();
        assertThat(status.at("/reason").asString()).isEqualTo("Invalid");
        assertThat(status.at("/message").asString()).startsWith("Service \"Bad_Name\" is invalid: [");
        List<String> fields = new ArrayList<>();
        status.at("/details/causes").forEach(c -> fields.add(c.at("/field").asString()));
        assertThat(fields).contains("metadata.name", "spec.type", "spec.ports[0].port", "spec.ports[1].port",
                "spec.ports[1].name", "spec.ports[1].protocol", "spec.sessionAffinity");
        status.at("/details/causes").forEach(c -> assertThat(c.at("/reason").asString()).startsWith("FieldValue"));
        assertThat(api.get(services).json().at("/items").size()).isZero();
    }

    @Test
    void aStaleUpdateIsAConflictAndChangesNothing() {
        JsonNode created = api.post(services, ResourceVerbsIT.service("web", "")).json();
        api.patch(services + "/web", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"v\":\"2\"}}}");

        Response stale = api.put(services + "/web", created.toString().replace("\"port\":80", "\"port\":81"));

        assertStatus(stale, 409, "Conflict", "Operation cannot be fulfilled on services \"web\": the object has been "
                + "modified; please apply your changes to the latest version and try again");
        assertThat(api.get(services + "/web").json().at("/spec/ports/0/port").asInt()).isEqualTo(80);
    }

    @Test
    void changingAClusterIpIsInvalid() {
        api.post(services, ResourceVerbsIT.service("fixed", "").replace("\"spec\":{", "\"spec\":{\"clusterIP\":\"10.96.7.7\","));

        Response response = api.patch(services + "/fixed", "application/merge-patch+json", "{\"spec\":{\"clusterIP\":\"10.96.7.8\"}}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().at("/details/causes/0/field").asString()).startsWith("spec.clusterIP");
        assertThat(response.json().at("/message").asString()).contains("may not change once set");
        assertThat(api.get(services + "/fixed").json().at("/spec/clusterIP").asString()).isEqualTo("10.96.7.7");
    }

    @Test
    void malformedBodiesAreBadRequests() {
        assertStatus(api.post(services, "{not json"), 400, "BadRequest", null);
        assertStatus(api.post(services, "[1,2]"), 400, "BadRequest", null);
        assertStatus(api.post(services, ResourceVerbsIT.service("web", "").replace("\"kind\":\"Service\"", "\"kind\":\"Pod\"")),
                400, "BadRequest", "the kind in the data (Pod) does not match the expected kind (Service)");
        assertStatus(api.post(services, ResourceVerbsIT.service("web", "").replace("\"name\":\"web\"",
                "\"name\":\"web\",\"namespace\":\"elsewhere\"")), 400, "BadRequest",
                "the namespace of the provided object does not match the namespace sent on the request");
        assertStatus(api.put(services + "/other", ResourceVerbsIT.service("web", "")), 400, "BadRequest",
                "the name of the object (web) does not match the name on the URL (other)");
        assertThat(api.get(services).json().at("/items").size()).isZero();
    }

    @Test
    void aBodyOverThreeMebibytesIsTooLarge() {
        byte[] huge = new byte[3 * 1024 * 1024 + 10];
        java.util.Arrays.fill(huge, (byte) ' ');

        assertStatus(api.post(services, "application/json", huge), 413, "RequestEntityTooLarge", null);
    }

    @Test
    void badSelectorsAreBadRequests() {
        assertStatus(api.get(services + "?labelSelector=a%20in%20(b"), 400, "BadRequest", null);
        assertStatus(api.get(services + "?fieldSelector=spec.nodeName%3Dx"), 400, "BadRequest",
                "field label not supported: spec.nodeName");
    }

    @Test
    void deletePreconditionsMustHold() {
        api.post(services, ResourceVerbsIT.service("web", ""));

        Response response = api.delete(services + "/web",
                "{\"preconditions\":{\"uid\":\"00000000-0000-0000-0000-000000000000\"}}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(api.get(services + "/web").status()).isEqualTo(200);
    }

    @Test
    void unknownFieldsAreRefusedUnderStrictValidationAndWarnedAboutOtherwise() {
        String withTypo = ResourceVerbsIT.service("typo", "").replace("\"ports\":", "\"sessionAfinity\":\"None\",\"ports\":");

        assertStatus(api.post(services + "?fieldValidation=Strict", withTypo), 400, "BadRequest",
                "strict decoding error: unknown field \"spec.sessionAfinity\"");
        assertThat(api.get(services + "/typo").status()).isEqualTo(404);

        Response warned = api.post(services + "?fieldValidation=Warn", withTypo);
        assertThat(warned.status()).isEqualTo(201);
        assertThat(warned.header("Warning")).containsExactly("299 - \"unknown field \\\"spec.sessionAfinity\\\"\"");
        assertThat(api.get(services + "/typo").json().at("/spec/sessionAfinity").isMissingNode())
                .as("unknown fields are dropped, never stored").isTrue();
        assertStatus(api.post(services + "?fieldValidation=Loose", withTypo), 400, "BadRequest", null);
    }

    static void assertStatus(Response response, int code, String reason, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(code);
        JsonNode status = response.json();
        assertThat(status.at("/kind").asString()).isEqualTo("Status");
        assertThat(status.at("/status").asString()).isEqualTo("Failure");
        assertThat(status.at("/code").asInt()).isEqualTo(code);
        assertThat(status.at("/reason").asString()).isEqualTo(reason);
        if (message != null) {
            assertThat(status.at("/message").asString()).isEqualTo(message);
        }
    }
}
