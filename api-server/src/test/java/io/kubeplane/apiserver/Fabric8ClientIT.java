package io.kubeplane.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubeplane.client.ApiClientSettings;
import io.kubeplane.client.KubeplaneClients;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fabric8 Kubernetes client, as any Java user of Kubernetes would use it, against the
 * api-server over TLS with the generated CA: CRUD, selectors, edit, patches, conflicts, watch and
 * an informer.
 */
class Fabric8ClientIT {

    private static KubernetesClient client;
    private String ns;

    @BeforeAll
    static void connect() throws Exception {
        ApiServerHarness server = SharedApiServer.get();
        client = KubeplaneClients.create(new ApiClientSettings(server.secureUrl(), ApiServerHarness.ADMIN_TOKEN,
                Files.readString(server.caCertificate()), "fabric8-it"));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void namespace() {
        ns = "fabric8-" + Long.toString(System.nanoTime(), 36);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }

    private static Service service(String name, Map<String, String> labels) {
        return new ServiceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withSelector(Map.of("app", name)).addNewPort().withName("http").withPort(80)
                .withNewTargetPort(8080).endPort().endSpec().build();
    }

    @Test
    void createGetListEditPatchAndDelete() {
        Service created = client.services().inNamespace(ns).resource(service("web", Map.of("tier", "front"))).create();
        client.services().inNamespace(ns).resource(service("db", Map.of("tier", "back"))).create();

        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(client.services().inNamespace(ns).withName("web").get().getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(client.services().inNamespace(ns).withLabel("tier", "front").list().getItems())
                .extracting(s -> s.getMetadata().getName()).containsExactly("web");
        assertThat(client.services().inNamespace(ns).withLabelIn("tier", "front", "back").list().getItems()).hasSize(2);

        Service edited = client.services().inNamespace(ns).withName("web")
                .edit(s -> new ServiceBuilder(s).editMetadata().addToLabels("edited", "yes").endMetadata().build());
        assertThat(edited.getMetadata().getLabels()).containsEntry("edited", "yes");

        Service merged = client.services().inNamespace(ns).withName("web")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"note\":\"merge\"}}}");
        assertThat(merged.getMetadata().getAnnotations()).containsEntry("note", "merge");

        Service strategic = client.services().inNamespace(ns).withName("web").patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"spec\":{\"ports\":[{\"name\":\"metrics\",\"port\":9090}]}}");
        assertThat(strategic.getSpec().getPorts()).extracting(p -> p.getPort()).containsExactlyInAnyOrder(80, 9090);

        assertThat(client.services().inNamespace(ns).withName("db").delete()).hasSize(1);
        assertThat(client.services().inNamespace(ns).withName("db").get()).isNull();
    }

    @Test
    void serverSideApplyOwnsFieldsAndReportsConflicts() {
        Service applied = client.services().inNamespace(ns).resource(service("web", Map.of("tier", "front")))
                .fieldManager("deployer").serverSideApply();
        assertThat(applied.getMetadata().getManagedFields()).extracting(f -> f.getManager() + "/" + f.getOperation())
                .containsExactly("deployer/Apply");

        client.services().inNamespace(ns).withName("web").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"tier\":\"back\"}}}");

        assertThatThrownBy(() -> client.services().inNamespace(ns).resource(service("web", Map.of("tier", "front")))
                .fieldManager("deployer").serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getMessage()).startsWith("Apply failed with 1 conflict: conflict with \"fabric8-it\"");
                    assertThat(e.getStatus().getDetails().getCauses()).extracting(c -> c.getField())
                            .containsExactly(".metadata.labels.tier");
                });

        Service forced = client.services().inNamespace(ns).resource(service("web", Map.of("tier", "front")))
                .fieldManager("deployer").forceConflicts().serverSideApply();
        assertThat(forced.getMetadata().getLabels()).containsEntry("tier", "front");
    }

    @Test
    void aStaleUpdateIsAConflict() {
        Service created = client.services().inNamespace(ns).resource(service("web", Map.of())).create();
        client.services().inNamespace(ns).withName("web").edit(s -> new ServiceBuilder(s).editMetadata()
                .addToLabels("v", "2").endMetadata().build());

        Service stale = new ServiceBuilder(created).editMetadata().addToLabels("v", "stale").endMetadata().build();

        assertThatThrownBy(() -> client.services().inNamespace(ns).resource(stale).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    }

    @Test
    void aWatchAndAnInformerFollowChanges() {
        List<String> watched = new CopyOnWriteArrayList<>();
        List<String> informed = new CopyOnWriteArrayList<>();
        client.services().inNamespace(ns).resource(service("before", Map.of())).create();
        SharedIndexInformer<Service> informer = client.services().inNamespace(ns).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Service service) {
                informed.add("add " + service.getMetadata().getName());
            }

            @Override
            public void onUpdate(Service old, Service now) {
                informed.add("update " + now.getMetadata().getName());
            }

            @Override
            public void onDelete(Service service, boolean unknown) {
                informed.add("delete " + service.getMetadata().getName());
            }
        });
        try (Watch watch = client.services().inNamespace(ns).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Service service) {
                watched.add(action + " " + service.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            await().atMost(Duration.ofSeconds(10)).until(informer::hasSynced);
            assertThat(informed).containsExactly("add before");

            client.services().inNamespace(ns).resource(service("web", Map.of())).create();
            client.services().inNamespace(ns).withName("web").edit(s -> new ServiceBuilder(s).editMetadata()
                    .addToLabels("v", "2").endMetadata().build());
            client.services().inNamespace(ns).withName("web").delete();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(watched).containsSubsequence("ADDED web", "MODIFIED web", "DELETED web");
                assertThat(informed).containsSubsequence("add before", "add web", "update web", "delete web");
            });
        } finally {
            informer.close();
        }
    }
}
