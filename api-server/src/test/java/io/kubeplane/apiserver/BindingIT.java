package io.kubeplane.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubeplane.apiserver.ApiClient.Response;
import io.kubeplane.client.ApiClientSettings;
import io.kubeplane.client.KubeplaneClients;
import io.kubeplane.model.KubernetesJson;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The {@code pods/binding} subresource as kube-scheduler uses it: a v1 Binding POSTed for a pending
 * pod sets its node once; every other case answers as kube-apiserver does. Nodes need not exist,
 * as in Kubernetes.
 */
class BindingIT {

    private static KubernetesClient client;
    private ApiClient api;
    private String ns;

    @BeforeAll
    static void connect() throws Exception {
        ApiServerHarness server = SharedApiServer.get();
        client = KubeplaneClients.create(new ApiClientSettings(server.secureUrl(), ApiServerHarness.ADMIN_TOKEN,
                Files.readString(server.caCertificate()), "binding-it"));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void namespace() {
        api = SharedApiServer.get().client();
        ns = "binding-" + Long.toString(System.nanoTime(), 36);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }

    private Pod pending(String name) {
        return client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx").endContainer().endSpec().build()).create();
    }

    private static String binding(String pod, String kind, String node) {
        return KubernetesJson.write(new BindingBuilder().withNewMetadata().withName(pod).endMetadata()
                .withNewTarget().withKind(kind).withName(node).endTarget().build());
    }

    private String bindingPath(String pod) {
        return "/api/v1/namespaces/" + ns + "/pods/" + pod + "/binding";
    }

    @Test
    void theSchedulersBindingSetsTheNodeAndAnswersCreated() {
        Pod pod = pending("web-1");
        Binding binding = new BindingBuilder().withNewMetadata().withName("web-1").withUid(pod.getMetadata().getUid())
                .addToAnnotations("scheduler.example.com/score", "7").endMetadata()
                .withNewTarget().withApiVersion("v1").withKind("Node").withName("node-1").endTarget().build();

        Response response = api.post(bindingPath("web-1"), KubernetesJson.write(binding));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json()).isEqualTo(KubernetesJson.JSON.readTree(
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\",\"code\":201}"));
        Pod bound = client.pods().inNamespace(ns).withName("web-1").get();
        assertThat(bound.getSpec().getNodeName()).isEqualTo("node-1");
        assertThat(bound.getMetadata().getAnnotations()).containsEntry("scheduler.example.com/score", "7");
        assertThat(bound.getStatus().getConditions()).singleElement().satisfies(condition -> {
            assertThat(condition.getType()).isEqualTo("PodScheduled");
            assertThat(condition.getStatus()).isEqualTo("True");
        });
        assertThat(client.pods().inNamespace(ns).withField("spec.nodeName", "node-1").list().getItems())
                .extracting(p -> p.getMetadata().getName()).containsExactly("web-1");
    }

    @Test
    void fabric8PostsABindingToThePodsSubresource() {
        pending("web-1");
        Binding binding = new BindingBuilder().withNewMetadata().withName("web-1").withNamespace(ns).endMetadata()
                .withNewTarget().withKind("Node").withName("node-2").endTarget().build();

        // fabric8's client.bindings() posts to the legacy namespaces/{ns}/bindings, which is not served.
        String answer = client.raw(bindingPath("web-1"), "POST", binding);

        assertThat(KubernetesJson.JSON.readTree(answer).at("/status").asString()).isEqualTo("Success");
        assertThat(client.pods().inNamespace(ns).withName("web-1").get().getSpec().getNodeName()).isEqualTo("node-2");
    }

    @Test
    void aBoundPodIsAConflict() {
        pending("web-1");
        assertThat(api.post(bindingPath("web-1"), binding("web-1", "Node", "node-2")).status()).isEqualTo(201);

        Response again = api.post(bindingPath("web-1"), binding("web-1", "Node", "node-1"));

        ApiErrorsIT.assertStatus(again, 409, "Conflict",
                "Operation cannot be fulfilled on pods/binding \"web-1\": pod web-1 is already assigned to node \"node-2\"");
        assertThat(again.json().at("/details/kind").asString()).isEqualTo("pods/binding");
        assertThat(client.pods().inNamespace(ns).withName("web-1").get().getSpec().getNodeName()).isEqualTo("node-2");
    }

    @Test
    void aMissingPodIsNotFound() {
        ApiErrorsIT.assertStatus(api.post(bindingPath("ghost"), binding("ghost", "Node", "node-1")), 404, "NotFound",
                "pods \"ghost\" not found");
    }

    @Test
    void aBindingToSomethingOtherThanANamedNodeIsInvalid() {
        pending("web-1");

        Response service = api.post(bindingPath("web-1"), binding("web-1", "Service", "web"));
        Response unnamed = api.post(bindingPath("web-1"), binding("web-1", "Node", ""));

        ApiErrorsIT.assertStatus(service, 422, "Invalid", "Binding \"web-1\" is invalid: target.kind: Unsupported value: "
                + "\"Service\": supported values: \"Node\", \"<empty>\"");
        ApiErrorsIT.assertStatus(unnamed, 422, "Invalid", "Binding \"web-1\" is invalid: target.name: Required value");
        JsonNode cause = unnamed.json().at("/details/causes/0");
        assertThat(cause.at("/field").asString()).isEqualTo("target.name");
        assertThat(cause.at("/reason").asString()).isEqualTo("FieldValueRequired");
        assertThat(client.pods().inNamespace(ns).withName("web-1").get().getSpec().getNodeName()).isNull();
    }

    @Test
    void theBindingMustNameThePodOfThePath() {
        pending("web-1");

        ApiErrorsIT.assertStatus(api.post(bindingPath("web-1"), binding("web-2", "Node", "node-1")), 400, "BadRequest",
                "name in URL does not match name in Binding object");
    }

    @Test
    void aBindingForAnotherPodOfTheSameNameIsAConflict() {
        pending("web-1");
        String stale = KubernetesJson.write(new BindingBuilder().withNewMetadata().withName("web-1")
                .withUid("00000000-0000-4000-8000-000000000000").endMetadata()
                .withNewTarget().withKind("Node").withName("node-1").endTarget().build());

        Response response = api.post(bindingPath("web-1"), stale);

        ApiErrorsIT.assertStatus(response, 409, "Conflict", null);
        assertThat(response.json().at("/message").asString()).contains("Precondition failed: UID in precondition");
    }

    @Test
    void discoveryListsPodsBindingWithCreateOnly() {
        JsonNode binding = null;
        for (JsonNode resource : api.get("/api/v1").json().at("/resources")) {
            if (resource.at("/name").asString().equals("pods/binding")) {
                binding = resource;
            }
        }
        assertThat(binding).isNotNull();
        assertThat(binding.at("/kind").asString()).isEqualTo("Binding");
        assertThat(binding.at("/namespaced").asBoolean()).isTrue();
        assertThat(binding.at("/verbs").toString()).isEqualTo("[\"create\"]");
    }
}
