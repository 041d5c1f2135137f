package io.kubeplane.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeplane.apiserver.ApiClient.Response;
import io.kubeplane.client.ApiClientSettings;
import io.kubeplane.client.KubeplaneClients;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Graceful pod deletion as kube-apiserver does it: a pod on a node is marked with a deletion
 * timestamp and grace period and stays readable until it is deleted with grace 0 (what a kubelet
 * sends once the containers are gone, and {@code kubectl delete --force --grace-period=0}); pods no
 * kubelet runs go at once. No node agent runs here, so nothing finishes a deletion by itself.
 */
class GracefulDeletionIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static KubernetesClient client;
    private ApiClient api;
    private String ns;
    private String pods;

    @BeforeAll
    static void connect() throws Exception {
        ApiServerHarness server = SharedApiServer.get();
        client = KubeplaneClients.create(new ApiClientSettings(server.secureUrl(), ApiServerHarness.ADMIN_TOKEN,
                Files.readString(server.caCertificate()), "graceful-deletion-it"));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void namespace() {
        api = SharedApiServer.get().client();
        ns = SharedApiServer.newNamespace("grace");
        pods = "/api/v1/namespaces/" + ns + "/pods";
    }

    /** Creates a pod, on {@code node} unless it is null; returns it as stored. */
    private JsonNode pod(String name, String node) {
        Response created = api.post(pods, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{%s"containers":[{"name":"web","image":"nginx"}]}}"""
                .formatted(name, node == null ? "" : "\"nodeName\":\"" + node + "\","));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    @Test
    void aBoundPodIsMarkedAndStaysUntilDeletedWithGraceZero() throws Exception {
        String version = pod("web-1", "node-1").at("/metadata/resourceVersion").asString();

        try (ApiClient.Watch watch = api.watch(pods + "?watch=true&resourceVersion=" + version)) {
            Instant asked = Instant.now();
            Response deleting = api.delete(pods + "/web-1");

            assertThat(deleting.status()).as(deleting.body()).isEqualTo(200);
            JsonNode marked = deleting.json();
            assertThat(marked.at("/metadata/deletionGracePeriodSeconds").asLong()).isEqualTo(30);
            assertThat(Instant.parse(marked.at("/metadata/deletionTimestamp").asString()))
                    .isBetween(asked.plusSeconds(29), asked.plusSeconds(31));
            JsonNode modified = watch.next(WAIT);
            assertThat(modified.at("/type").asString()).isEqualTo("MODIFIED");
            assertThat(modified.at("/object/metadata/deletionTimestamp")).isEqualTo(marked.at("/metadata/deletionTimestamp"));

            JsonNode read = api.get(pods + "/web-1").json();
            assertThat(read.at("/metadata/deletionTimestamp")).isEqualTo(marked.at("/metadata/deletionTimestamp"));
            assertThat(api.delete(pods + "/web-1").json().at("/metadata/resourceVersion"))
                    .as("deleting again changes nothing").isEqualTo(read.at("/metadata/resourceVersion"));

            Response gone = api.delete(pods + "/web-1", "{\"gracePeriodSeconds\":0}");

            assertThat(gone.status()).as(gone.body()).isEqualTo(200);
            assertThat(watch.next(WAIT).at("/type").asString()).isEqualTo("DELETED");
            ApiErrorsIT.assertStatus(api.get(pods + "/web-1"), 404, "NotFound", "pods \"web-1\" not found");
        }
    }

    @Test
    void aShorterGracePeriodBringsTheDeadlineForward() {
        pod("web-1", "node-1");
        JsonNode first = api.delete(pods + "/web-1").json();

        JsonNode shorter = api.delete(pods + "/web-1", "{\"gracePeriodSeconds\":10}").json();
        JsonNode longer = api.delete(pods + "/web-1?gracePeriodSeconds=60").json();

        assertThat(shorter.at("/metadata/deletionGracePeriodSeconds").asLong()).isEqualTo(10);
        assertThat(Instant.parse(shorter.at("/metadata/deletionTimestamp").asString()))
                .isEqualTo(Instant.parse(first.at("/metadata/deletionTimestamp").asString()).minusSeconds(20));
        assertThat(longer.at("/metadata/deletionGracePeriodSeconds").asLong()).as("grace only shortens").isEqualTo(10);
        assertThat(longer.at("/metadata/deletionTimestamp")).isEqualTo(shorter.at("/metadata/deletionTimestamp"));
    }

    @Test
    void kubectlsForcedDeleteRemovesABoundPodAtOnce() {
        pod("web-1", "node-1");

        // kubectl delete pod web-1 --force --grace-period=0
        Response deleted = api.delete(pods + "/web-1", """
                {"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0,"propagationPolicy":"Background"}""");

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(api.get(pods + "/web-1").status()).isEqualTo(404);
    }

    @Test
    void podsNoKubeletRunsGoAtOnce() {
        pod("pending", null);
        pod("done", "node-1");
        api.patch(pods + "/done/status", "application/merge-patch+json", "{\"status\":{\"phase\":\"Succeeded\"}}");

        assertThat(api.delete(pods + "/pending").status()).isEqualTo(200);
        assertThat(api.delete(pods + "/done").status()).isEqualTo(200);

        assertThat(api.get(pods + "/pending").status()).isEqualTo(404);
        assertThat(api.get(pods + "/done").status()).isEqualTo(404);
    }

    @Test
    void theNodeAgentsStatusUpdatesDoNotEndTheGracePeriod() {
        pod("web-1", "node-1");
        api.delete(pods + "/web-1");

        Response reported = api.patch(pods + "/web-1/status", "application/merge-patch+json",
                "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\"}]}}");
        Response labelled = api.patch(pods + "/web-1", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"stopping\":\"yes\"}}}");

        assertThat(reported.status()).as(reported.body()).isEqualTo(200);
        assertThat(labelled.status()).as(labelled.body()).isEqualTo(200);
        JsonNode pod = api.get(pods + "/web-1").json();
        assertThat(pod.at("/status/phase").asString()).isEqualTo("Running");
        assertThat(pod.at("/metadata/deletionGracePeriodSeconds").asLong()).isEqualTo(30);
    }

    @Test
    void aDryRunMarksNothing() {
        pod("web-1", "node-1");

        Response dry = api.delete(pods + "/web-1?dryRun=All");

        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.json().at("/metadata/deletionGracePeriodSeconds").asLong()).isEqualTo(30);
        assertThat(api.get(pods + "/web-1").json().at("/metadata/deletionTimestamp").isMissingNode()).isTrue();
    }

    @Test
    void fabric8DeletesGracefullyThenForcesLikeANodeAgent() {
        pod("web-1", "node-1");

        client.pods().inNamespace(ns).withName("web-1").withGracePeriod(5).delete();

        Pod terminating = client.pods().inNamespace(ns).withName("web-1").get();
        assertThat(terminating.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(5);
        assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotNull();

        assertThat(client.pods().inNamespace(ns).withName("web-1").withGracePeriod(0).delete()).hasSize(1);
        assertThat(client.pods().inNamespace(ns).withName("web-1").get()).isNull();
    }
}
