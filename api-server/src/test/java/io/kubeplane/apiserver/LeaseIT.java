package io.kubeplane.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeplane.apiserver.ApiClient.Response;
import io.kubeplane.client.ApiClientSettings;
import io.kubeplane.client.KubeplaneClients;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * coordination.k8s.io/v1 Leases as kubelets keep them in {@code kube-node-lease}, one per node,
 * named after it and renewed every 10 s: every verb, watch, validation, discovery and the Table
 * {@code kubectl get leases} prints. Each test uses a node name of its own in the shared namespace.
 */
class LeaseIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String LEASES = "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases";

    private ApiClient api;
    private String node;

    @BeforeEach
    void node() {
        api = SharedApiServer.get().client();
        node = "node-" + Long.toString(System.nanoTime(), 36);
    }

    /** A node's Lease as the kubelet writes it; MicroTime renewals carry six fractional digits. */
    static String lease(String name, String renewTime) {
        return """
                {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"%s"},
                 "spec":{"holderIdentity":"%s","leaseDurationSeconds":40,"renewTime":"%s"}}"""
                .formatted(name, name, renewTime);
    }

    @Test
    void aNodeLeaseIsCreatedReadRenewedListedAndDeleted() {
        Response created = api.post(LEASES, lease(node, "2026-01-01T10:00:00.000000Z"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode lease = created.json();
        assertThat(lease.at("/metadata/namespace").asString()).isEqualTo("kube-node-lease");
        assertThat(lease.at("/spec/holderIdentity").asString()).isEqualTo(node);
        assertThat(lease.at("/spec/leaseDurationSeconds").asInt()).isEqualTo(40);
        assertThat(lease.at("/spec/renewTime").asString()).isEqualTo("2026-01-01T10:00:00.000000Z");
        assertThat(api.get(LEASES + "/" + node).json().at("/metadata/uid")).isEqualTo(lease.at("/metadata/uid"));

        ObjectNode renewal = (ObjectNode) lease.deepCopy();
        renewal.withObjectProperty("spec").put("renewTime", "2026-01-01T10:00:10.123456Z");
        Response renewed = api.put(LEASES + "/" + node, renewal.toString());

        assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
        assertThat(renewed.json().at("/spec/renewTime").asString()).isEqualTo("2026-01-01T10:00:10.123456Z");
        assertThat(Long.parseLong(renewed.json().at("/metadata/resourceVersion").asString()))
                .isGreaterThan(Long.parseLong(lease.at("/metadata/resourceVersion").asString()));
        assertThat(api.put(LEASES + "/" + node, renewal.toString()).status())
                .as("a renewal from a stale copy loses").isEqualTo(409);

        assertThat(ResourceVerbsIT.names(api.get(LEASES).json())).contains(node);
        JsonNode everywhere = api.get("/apis/coordination.k8s.io/v1/leases?fieldSelector=metadata.name%3D" + node).json();
        assertThat(everywhere.at("/kind").asString()).isEqualTo("LeaseList");
        assertThat(ResourceVerbsIT.names(everywhere)).containsExactly(node);

        assertThat(api.delete(LEASES + "/" + node).status()).isEqualTo(200);
        assertThat(api.get(LEASES + "/" + node).status()).isEqualTo(404);
    }

    @Test
    void aKubeletsFirstRenewalCreatesItsLeaseWithAPut() {
        Response created = api.put(LEASES + "/" + node, lease(node, "2026-01-01T10:00:00.000000Z"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(api.get(LEASES + "/" + node).json().at("/spec/holderIdentity").asString()).isEqualTo(node);
    }

    @Test
    void watchersSeeTheLeaseCreatedAndRenewed() throws Exception {
        String version = api.get(LEASES).json().at("/metadata/resourceVersion").asString();

        try (ApiClient.Watch watch = api.watch(LEASES + "?watch=true&fieldSelector=metadata.name%3D" + node
                                               + "&resourceVersion=" + version)) {
            assertThat(watch.status()).isEqualTo(200);
            api.post(LEASES, lease(node, "2026-01-01T10:00:00.000000Z"));
            api.patch(LEASES + "/" + node, "application/merge-patch+json",
                    "{\"spec\":{\"renewTime\":\"2026-01-01T10:00:10.000000Z\"}}");

            JsonNode added = watch.next(WAIT);
            JsonNode modified = watch.next(WAIT);
            assertThat(added.at("/type").asString()).isEqualTo("ADDED");
            assertThat(added.at("/object/kind").asString()).isEqualTo("Lease");
            assertThat(modified.at("/type").asString()).isEqualTo("MODIFIED");
            assertThat(modified.at("/object/spec/renewTime").asString()).isEqualTo("2026-01-01T10:00:10.000000Z");
        }
    }

    @Test
    void aLeaseOfNoDurationIsInvalid() {
        Response response = api.post(LEASES, lease(node, "2026-01-01T10:00:00.000000Z")
                .replace("\"leaseDurationSeconds\":40", "\"leaseDurationSeconds\":0,\"leaseTransitions\":-1"));

        ApiErrorsIT.assertStatus(response, 422, "Invalid", null);
        assertThat(response.json().at("/details/kind").asString()).isEqualTo("Lease");
        assertThat(response.json().at("/details/causes").findValuesAsString("field"))
                .containsExactlyInAnyOrder("spec.leaseDurationSeconds", "spec.leaseTransitions");
    }

    @Test
    void fabric8ReadsAndWritesMicroTimeRenewals() throws Exception {
        ApiServerHarness server = SharedApiServer.get();
        try (KubernetesClient client = KubeplaneClients.create(new ApiClientSettings(server.secureUrl(),
                ApiServerHarness.ADMIN_TOKEN, Files.readString(server.caCertificate()), "lease-it"))) {
            ZonedDateTime renewed = ZonedDateTime.parse("2026-01-01T10:00:10.654321Z");
            client.resources(Lease.class).inNamespace("kube-node-lease").resource(new LeaseBuilder()
                    .withNewMetadata().withName(node).endMetadata()
                    .withNewSpec().withHolderIdentity(node).withLeaseDurationSeconds(40).withRenewTime(renewed).endSpec()
                    .build()).create();

            Lease read = client.resources(Lease.class).inNamespace("kube-node-lease").withName(node).get();
            assertThat(read.getSpec().getRenewTime()).isEqualTo(renewed);
            assertThat(api.get(LEASES + "/" + node).json().at("/spec/renewTime").asString())
                    .isEqualTo("2026-01-01T10:00:10.654321Z");
        }
    }

    @Test
    void discoveryServesTheCoordinationGroup() {
        assertThat(api.get("/apis").json().at("/groups").findValuesAsString("name")).contains("coordination.k8s.io");

        JsonNode leases = null;
        for (JsonNode resource : api.get("/apis/coordination.k8s.io/v1").json().at("/resources")) {
            assertThat(resource.at("/name").asString()).as("no subresources").isEqualTo("leases");
            leases = resource;
        }
        assertThat(leases).isNotNull();
        assertThat(leases.at("/singularName").asString()).isEqualTo("lease");
        assertThat(leases.at("/kind").asString()).isEqualTo("Lease");
        assertThat(leases.at("/namespaced").asBoolean()).isTrue();
        assertThat(leases.at("/shortNames").isEmpty()).isTrue();
        assertThat(leases.at("/verbs").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder(
                "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    }

    @Test
    void kubectlGetShowsTheHolder() {
        api.post(LEASES, lease(node, "2026-01-01T10:00:00.000000Z"));

        JsonNode table = api.get(LEASES + "?fieldSelector=metadata.name%3D" + node,
                "application/json;as=Table;v=v1;g=meta.k8s.io,application/json").json();

        assertThat(table.at("/kind").asString()).isEqualTo("Table");
        assertThat(table.at("/columnDefinitions").findValuesAsString("name")).containsExactly("Name", "Holder", "Age");
        assertThat(table.at("/rows/0/cells/0").asString()).isEqualTo(node);
        assertThat(table.at("/rows/0/cells/1").asString()).isEqualTo(node);
        assertThat(table.at("/rows/0/cells/2").asString()).matches("\\d+s");
    }
}
