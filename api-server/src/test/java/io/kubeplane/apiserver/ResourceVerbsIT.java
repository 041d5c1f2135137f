package io.kubeplane.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.apiserver.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every verb of the REST API over HTTP, against a real store: create, get, list, update, patch, delete. */
class ResourceVerbsIT {

    private ApiClient api;
    private String ns;

    @BeforeEach
    void namespace() {
        api = SharedApiServer.get().client();
        ns = SharedApiServer.newNamespace("verbs");
    }

    static String service(String name, String labels) {
        return """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s","labels":{%s}},
                 "spec":{"selector":{"app":"%s"},"ports":[{"name":"http","port":80,"targetPort":8080}]}}"""
                .formatted(name, labels, name);
    }

    @Test
    void createReturnsTheStoredObjectWithServerMetadataAndDefaults() {
        Response created = api.post("/api/v1/namespaces/" + ns + "/services", service("web", "\"app\":\"web\""));

        assertThat(created.status()).isEqualTo(201);
        JsonNode service = created.json();
        assertThat(service.at("/metadata/uid").asString()).hasSize(36);
        assertThat(service.at("/metadata/resourceVersion").asString()).matches("[1-9][0-9]*");
        assertThat(service.at("/metadata/creationTimestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(service.at("/metadata/namespace").asString()).isEqualTo(ns);
        assertThat(service.at("/spec/type").asString()).isEqualTo("ClusterIP");
        assertThat(service.at("/spec/sessionAffinity").asString()).isEqualTo("None");
        assertThat(service.at("/spec/ports/0/protocol").asString()).isEqualTo("TCP");

        Response fetched = api.get("/api/v1/namespaces/" + ns + "/services/web");
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().at("/metadata/resourceVersion")).isEqualTo(service.at("/metadata/resourceVersion"));
        assertThat(fetched.json().at("/metadata/uid")).isEqualTo(service.at("/metadata/uid"));
    }

    @Test
    void generateNameGivesEachObjectAFreshName() {
        String body = """
                {"apiVersion":"v1","kind":"Service","metadata":{"generateName":"web-"},
                 "spec":{"ports":[{"port":80}]}}""";
        String first = api.post("/api/v1/namespaces/" + ns + "/services", body).json().at("/metadata/name").asString();
        String second = api.post("/api/v1/namespaces/" + ns + "/services", body).json().at("/metadata/name").asString();

        assertThat(first).matches("web-[a-z0-9]{5}");
        assertThat(second).matches("web-[a-z0-9]{5}").isNotEqualTo(first);
    }

    @Test
    void listFiltersByLabelAndFieldSelectorsAndPages() {
        for (int i = 0; i < 5; i++) {
            api.post("/api/v1/namespaces/" + ns + "/services", service("svc-" + i,
                    "\"tier\":\"" + (i % 2 == 0 ? "front" : "back") + "\",\"index\":\"" + i + "\""));
        }
        String base = "/api/v1/namespaces/" + ns + "/services";

        assertThat(names(api.get(base + "?labelSelector=tier%3Dfront").json()))
                .containsExactly("svc-0", "svc-2", "svc-4");
        assertThat(names(api.get(base + "?labelSelector=tier+in+(back),index!%3D1").json())).containsExactly("svc-3");
        assertThat(names(api.get(base + "?labelSelector=!tier").json())).isEmpty();
        assertThat(names(api.get(base + "?labelSelector=index%3E2").json())).containsExactly("svc-3", "svc-4");
        assertThat(names(api.get(base + "?fieldSelector=metadata.name%3Dsvc-1").json())).containsExactly("svc-1");
        assertThat(names(api.get(base + "?fieldSelector=spec.type%3DClusterIP,metadata.name!%3Dsvc-0").json()))
                .containsExactly("svc-1", "svc-2", "svc-3", "svc-4");

        List<String> paged = new ArrayList<>();
        String next = base + "?limit=2";
        int pages = 0;
        while (next != null) {
            JsonNode page = api.get(next).json();
            paged.addAll(names(page));
            pages++;
            String token = page.at("/metadata/continue").asString("");
            next = token.isEmpty() ? null : base + "?limit=2&continue=" + token;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(paged).containsExactly("svc-0", "svc-1", "svc-2", "svc-3", "svc-4");

        JsonNode everywhere = api.get("/api/v1/services?labelSelector=tier%3Dfront").json();
        assertThat(everywhere.at("/kind").asString()).isEqualTo("ServiceList");
        assertThat(names(everywhere)).contains("svc-0", "svc-2", "svc-4");
    }

    @Test
    void updateBumpsGenerationOnSpecChangesAndIgnoresStatus() {
        JsonNode created = api.post("/api/v1/namespaces/" + ns + "/services", service("web", "")).json();
        String updated = created.toString()
                .replace("\"port\":80", "\"port\":81")
                .replace("\"loadBalancer\":{}", "\"loadBalancer\":{\"ingress\":[{\"ip\":\"1.2.3.4\"}]}");

        Response response = api.put("/api/v1/namespaces/" + ns + "/services/web", updated);

        assertThat(response.status()).isEqualTo(200);
        JsonNode after = response.json();
        assertThat(after.at("/spec/ports/0/port").asInt()).isEqualTo(81);
        assertThat(after.at("/metadata/generation").asLong()).isEqualTo(created.at("/metadata/generation").asLong() + 1);
        assertThat(Long.parseLong(after.at("/metadata/resourceVersion").asString()))
                .isGreaterThan(Long.parseLong(created.at("/metadata/resourceVersion").asString()));
        assertThat(after.at("/status/loadBalancer/ingress").isMissingNode()).as("status changes only through /status").isTrue();
    }

    @Test
    void theStatusSubresourceChangesOnlyStatus() {
        ObjectNode withStatus = (ObjectNode) api.post("/api/v1/namespaces/" + ns + "/services",
                service("lb", "").replace("\"spec\":{", "\"spec\":{\"type\":\"LoadBalancer\",")).json();
        ((ObjectNode) withStatus.withObjectProperty("spec").withArrayProperty("ports").get(0)).put("port", 99);
        withStatus.withObjectProperty("status").withObjectProperty("loadBalancer").withArrayProperty("ingress").addObject().put("ip", "127.0.100.1");

        Response response = api.put("/api/v1/namespaces/" + ns + "/services/lb/status", withStatus.toString());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode after = response.json();

        assertThat(after.at("/status/loadBalancer/ingress/0/ip").asString()).isEqualTo("127.0.100.1");
        assertThat(after.at("/spec/ports/0/port").asInt()).as("spec changes are ignored on /status").isEqualTo(80);
    }

    @Test
    void anUpdateThatChangesNothingWritesNothing() {
        JsonNode created = api.post("/api/v1/namespaces/" + ns + "/services", service("same", "")).json();

        JsonNode after = api.put("/api/v1/namespaces/" + ns + "/services/same", created.toString()).json();

        assertThat(after.at("/metadata/resourceVersion")).isEqualTo(created.at("/metadata/resourceVersion"));
    }

    @Test
    void everyPatchTypeApplies() {
        api.post("/api/v1/namespaces/" + ns + "/services", service("web", "\"app\":\"web\",\"old\":\"x\""));
        String path = "/api/v1/namespaces/" + ns + "/services/web";

        JsonNode merged = api.patch(path, "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"old\":null,\"new\":\"y\"}}}").json();
        assertThat(merged.at("/metadata/labels").propertyNames()).containsExactlyInAnyOrder("app", "new");
        assertThat(merged.at("/metadata/labels/new").asString()).isEqualTo("y");

        JsonNode jsonPatched = api.patch(path, "application/json-patch+json",
                "[{\"op\":\"replace\",\"path\":\"/spec/ports/0/port\",\"value\":8080}]").json();
        assertThat(jsonPatched.at("/spec/ports/0/port").asInt()).isEqualTo(8080);

        JsonNode strategic = api.patch(path, "application/strategic-merge-patch+json",
                "{\"spec\":{\"ports\":[{\"port\":9090,\"name\":\"metrics\",\"targetPort\":9090}]}}").json();
        List<Integer> ports = new ArrayList<>();
        strategic.at("/spec/ports").forEach(port -> ports.add(port.at("/port").asInt()));
        assertThat(ports).as("ports merge by port").containsExactlyInAnyOrder(8080, 9090);

        Response failedTest = api.patch(path, "application/json-patch+json",
                "[{\"op\":\"test\",\"path\":\"/spec/type\",\"value\":\"NodePort\"}]");
        assertThat(failedTest.status()).isEqualTo(422);
        assertThat(api.get(path).json().at("/spec/ports").size()).isEqualTo(2);
    }

    @Test
    void deleteReturnsTheObjectAndRemovesIt() {
        JsonNode created = api.post("/api/v1/namespaces/" + ns + "/services", service("gone", "")).json();

        Response deleted = api.delete("/api/v1/namespaces/" + ns + "/services/gone");

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().at("/metadata/uid")).isEqualTo(created.at("/metadata/uid"));
        assertThat(api.get("/api/v1/namespaces/" + ns + "/services/gone").status()).isEqualTo(404);
    }

    @Test
    void deleteCollectionRemovesOnlyWhatTheSelectorMatches() {
        api.post("/api/v1/namespaces/" + ns + "/services", service("a", "\"drop\":\"yes\""));
        api.post("/api/v1/namespaces/" + ns + "/services", service("b", "\"drop\":\"yes\""));
        api.post("/api/v1/namespaces/" + ns + "/services", service("c", "\"drop\":\"no\""));

        Response response = api.delete("/api/v1/namespaces/" + ns + "/services?labelSelector=drop%3Dyes");

        assertThat(response.status()).isEqualTo(200);
        assertThat(names(api.get("/api/v1/namespaces/" + ns + "/services").json())).containsExactly("c");
    }

    @Test
    void clusterScopedKindsLiveOutsideNamespaces() {
        Response node = api.post("/api/v1/nodes", """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s","labels":{"kubernetes.io/os":"linux"}}}"""
                .formatted(ns + "-node"));

        assertThat(node.status()).isEqualTo(201);
        assertThat(node.json().at("/metadata/namespace").isMissingNode()).isTrue();
        assertThat(api.get("/api/v1/nodes/" + ns + "-node").status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/nodes/" + ns + "-node").status()).isEqualTo(200);
    }

    @Test
    void deploymentsAndEndpointSlicesAreServedInTheirGroups() {
        Response deployment = api.post("/apis/apps/v1/namespaces/" + ns + "/deployments", """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
                 "spec":{"selector":{"matchLabels":{"app":"web"}},
                   "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}}}""");
        Response slice = api.post("/apis/discovery.k8s.io/v1/namespaces/" + ns + "/endpointslices", """
                {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"web-abc",
                 "labels":{"kubernetes.io/service-name":"web"}},"addressType":"IPv4",
                 "endpoints":[{"addresses":["10.244.0.5"]}],"ports":[{"name":"http","port":8080}]}""");

        assertThat(deployment.status()).as(deployment.body()).isEqualTo(201);
        assertThat(deployment.json().at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(slice.status()).as(slice.body()).isEqualTo(201);
        assertThat(api.get("/apis/discovery.k8s.io/v1/endpointslices?labelSelector=kubernetes.io/service-name%3Dweb")
                .json().at("/items/0/metadata/name").asString()).isEqualTo("web-abc");
    }

    @Test
    void theScaleSubresourceReadsAndWritesADeploymentsReplicas() {
        String deployments = "/apis/apps/v1/namespaces/" + ns + "/deployments";
        api.post(deployments, """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
                 "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                   "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}}}""");

        JsonNode scale = api.get(deployments + "/web/scale").json();
        assertThat(scale.at("/kind").asString()).isEqualTo("Scale");
        assertThat(scale.at("/apiVersion").asString()).isEqualTo("autoscaling/v1");
        assertThat(scale.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(scale.at("/status/selector").asString()).isEqualTo("app=web");

        JsonNode patched = api.patch(deployments + "/web/scale", "application/merge-patch+json",
                "{\"spec\":{\"replicas\":5}}").json();
        assertThat(patched.at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(api.get(deployments + "/web").json().at("/spec/replicas").asInt()).isEqualTo(5);

        Response stale = api.put(deployments + "/web/scale", scale.toString());
        assertThat(stale.status()).as("the Scale carries the Deployment's resourceVersion").isEqualTo(409);
    }

    @Test
    void aDryRunChangesNothing() {
        Response created = api.post("/api/v1/namespaces/" + ns + "/services?dryRun=All", service("dry", ""));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().at("/spec/type").asString()).isEqualTo("ClusterIP");
        assertThat(api.get("/api/v1/namespaces/" + ns + "/services/dry").status()).isEqualTo(404);

        api.post("/api/v1/namespaces/" + ns + "/services", service("kept", ""));
        assertThat(api.delete("/api/v1/namespaces/" + ns + "/services/kept?dryRun=All").status()).isEqualTo(200);
        assertThat(api.patch("/api/v1/namespaces/" + ns + "/services/kept?dryRun=All", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}").json().at("/metadata/labels/x").asString()).isEqualTo("y");
        JsonNode kept = api.get("/api/v1/namespaces/" + ns + "/services/kept").json();
        assertThat(kept.at("/metadata/labels/x").isMissingNode()).isTrue();
        assertThat(api.post("/api/v1/namespaces/" + ns + "/services?dryRun=Some", service("x", "")).status()).isEqualTo(400);
    }

    @Test
    void discoveryListsTheServedResourcesWithShortNamesAndCategories() {
        JsonNode core = api.get("/api/v1").json();
        JsonNode services = null;
        for (JsonNode resource : core.at("/resources")) {
            if (resource.at("/name").asString().equals("services")) {
                services = resource;
            }
        }
        assertThat(services).isNotNull();
        assertThat(services.at("/shortNames/0").asString()).isEqualTo("svc");
        assertThat(services.at("/categories/0").asString()).isEqualTo("all");
        assertThat(services.at("/namespaced").asBoolean()).isTrue();
        assertThat(api.get("/apis").json().at("/groups").toString()).contains("apps", "discovery.k8s.io");
    }

    static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("items").forEach(item -> names.add(item.at("/metadata/name").asString()));
        return names;
    }
}
