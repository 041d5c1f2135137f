package io.kubeplane.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubeplane.apiserver.ApiClient.Response;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Deleting an owner deletes its dependents; deleting a namespace deletes what is in it, then itself.
 * Pods on a node are deleted gracefully, as in Kubernetes, and no node agent runs here to finish.
 */
class CollectionIT {

    private ApiClient api;
    private String ns;

    @BeforeEach
    void namespace() {
        api = SharedApiServer.get().client();
        ns = SharedApiServer.newNamespace("gc");
    }

    @Test
    void deletingAnOwnerDeletesItsDependentsInTheBackground() {
        JsonNode owner = api.post("/apis/apps/v1/namespaces/" + ns + "/deployments", """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
                 "spec":{"selector":{"matchLabels":{"app":"web"}},
                   "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}}}""")
                .json();
        String uid = owner.at("/metadata/uid").asString();
        for (String pod : new String[] {"web-1", "web-2"}) {
            Response created = api.post("/api/v1/namespaces/" + ns + "/pods", """
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"web"},
                     "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"%s","controller":true}]},
                     "spec":{"containers":[{"name":"web","image":"nginx"}]}}""".formatted(pod, uid));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        api.post("/api/v1/namespaces/" + ns + "/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"standalone"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}""");

        assertThat(api.delete("/apis/apps/v1/namespaces/" + ns + "/deployments/web").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ResourceVerbsIT.names(api.get("/api/v1/namespaces/" + ns + "/pods").json()))
                        .containsExactly("standalone"));
    }

    @Test
    void orphanPropagationKeepsTheDependents() {
        String uid = api.post("/api/v1/namespaces/" + ns + "/services", ResourceVerbsIT.service("owner", "")).json()
                .at("/metadata/uid").asString();
        api.post("/api/v1/namespaces/" + ns + "/endpoints", """
                {"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"kept",
                 "ownerReferences":[{"apiVersion":"v1","kind":"Service","name":"owner","uid":"%s"}]}}""".formatted(uid));

        api.delete("/api/v1/namespaces/" + ns + "/services/owner?propagationPolicy=Orphan");

        JsonNode kept = api.get("/api/v1/namespaces/" + ns + "/endpoints/kept").json();
        assertThat(kept.at("/metadata/ownerReferences").isEmpty()).isTrue();
    }

    @Test
    void deletingANamespaceDeletesItsContentThenItself() {
        api.post("/api/v1/namespaces/" + ns + "/services", ResourceVerbsIT.service("web", ""));
        // An object with a finalizer keeps the namespace terminating until the finalizer is removed.
        api.post("/api/v1/namespaces/" + ns + "/endpoints", """
                {"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"held","finalizers":["example.com/hold"]}}""");

        Response deleting = api.delete("/api/v1/namespaces/" + ns);

        assertThat(deleting.status()).isIn(200, 202);
        assertThat(deleting.json().at("/status/phase").asString()).isEqualTo("Terminating");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get("/api/v1/namespaces/" + ns + "/services/web").status()).isEqualTo(404));
        ApiErrorsIT.assertStatus(api.post("/api/v1/namespaces/" + ns + "/services", ResourceVerbsIT.service("late", "")),
                403, "Forbidden", "services \"late\" is forbidden: unable to create new content in namespace " + ns
                                  + " because it is being terminated");
        assertThat(api.get("/api/v1/namespaces/" + ns).json().at("/status/phase").asString()).isEqualTo("Terminating");

        api.patch("/api/v1/namespaces/" + ns + "/endpoints/held", "application/merge-patch+json",
                "{\"metadata\":{\"finalizers\":null}}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get("/api/v1/namespaces/" + ns).status()).isEqualTo(404));
        assertThat(api.get("/api/v1/namespaces/" + ns + "/endpoints").json().at("/items").size()).isZero();
    }

    @Test
    void aPodOnANodeKeepsItsNamespaceTerminatingUntilItsDeletionIsFinished() {
        api.post("/api/v1/namespaces/" + ns + "/services", ResourceVerbsIT.service("web", ""));
        api.post("/api/v1/namespaces/" + ns + "/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1"},
                 "spec":{"nodeName":"node-1","containers":[{"name":"web","image":"nginx"}]}}""");

        api.delete("/api/v1/namespaces/" + ns);

        // The namespace controller deletes the pod with its grace period, as Kubernetes' does; no
        // node agent runs here to finish it.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(api.get("/api/v1/namespaces/" + ns + "/services/web").status()).isEqualTo(404);
            assertThat(api.get("/api/v1/namespaces/" + ns + "/pods/web-1").json()
                    .at("/metadata/deletionGracePeriodSeconds").asLong()).isEqualTo(30);
        });
        assertThat(api.get("/api/v1/namespaces/" + ns).json().at("/status/phase").asString()).isEqualTo("Terminating");

        // What the node's agent sends, or the pod garbage collector for a node that is gone.
        api.delete("/api/v1/namespaces/" + ns + "/pods/web-1", "{\"gracePeriodSeconds\":0}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get("/api/v1/namespaces/" + ns).status()).isEqualTo(404));
    }

    @Test
    void theDependentPodsOfADeletedOwnerGetTheirGracePeriod() {
        String uid = api.post("/api/v1/namespaces/" + ns + "/services", ResourceVerbsIT.service("owner", "")).json()
                .at("/metadata/uid").asString();
        for (String pod : new String[] {"bound", "pending"}) {
            api.post("/api/v1/namespaces/" + ns + "/pods", """
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s",
                     "ownerReferences":[{"apiVersion":"v1","kind":"Service","name":"owner","uid":"%s"}]},
                     "spec":{%s"containers":[{"name":"c","image":"busybox"}]}}""".formatted(pod, uid,
                    pod.equals("bound") ? "\"nodeName\":\"node-1\"," : ""));
        }

        api.delete("/api/v1/namespaces/" + ns + "/services/owner");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(api.get("/api/v1/namespaces/" + ns + "/pods/pending").status()).isEqualTo(404);
            assertThat(api.get("/api/v1/namespaces/" + ns + "/pods/bound").json()
                    .at("/metadata/deletionGracePeriodSeconds").asLong()).isEqualTo(30);
        });
    }

    @Test
    void finalizersHoldAnObjectUntilTheyAreRemoved() {
        api.post("/api/v1/namespaces/" + ns + "/services", ResourceVerbsIT.service("held", "")
                .replace("\"name\":\"held\"", "\"name\":\"held\",\"finalizers\":[\"example.com/hold\"]"));

        Response marked = api.delete("/api/v1/namespaces/" + ns + "/services/held");

        assertThat(marked.status()).isEqualTo(202);
        assertThat(marked.json().at("/metadata/deletionTimestamp").isMissingNode()).isFalse();
        assertThat(api.get("/api/v1/namespaces/" + ns + "/services/held").status()).isEqualTo(200);

        api.patch("/api/v1/namespaces/" + ns + "/services/held", "application/merge-patch+json",
                "{\"metadata\":{\"finalizers\":null}}");
        assertThat(api.get("/api/v1/namespaces/" + ns + "/services/held").status()).isEqualTo(404);
    }
}
