package io.kubeplane.workload.controller;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.kubeplane.model.KubernetesJson;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The workload controllers' writes to pods: create, delete, bind to a node (the
 * {@code pods/binding} subresource, as kube-scheduler binds), and strategic-merge patches of one
 * status condition, which leave the conditions other components own alone. Every write that
 * targets an existing pod carries its uid, so it never lands on a newer pod of the same name.
 * Thread-safe.
 */
final class PodWrites {

    private static final PatchContext STRATEGIC = PatchContext.of(PatchType.STRATEGIC_MERGE);

    private final KubernetesClient client;

    PodWrites(KubernetesClient client) {
        this.client = client;
    }

    Pod create(Pod pod) {
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
    }

    /** Deletes with the pod's own grace period; false when it was already gone. */
    boolean delete(Pod pod) {
        return !client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .delete().isEmpty();
    }

    /** Removes a pod at once (grace period 0), as the pod garbage collector does; false when already gone. */
    boolean forceDelete(Pod pod) {
        return !client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .withGracePeriod(0).delete().isEmpty();
    }

    /**
     * Binds the pod to {@code node}.
     *
     * @return false when the pod is gone or already bound (409), which a scheduler takes as done
     */
    boolean bind(Pod pod, String node) throws IOException {
        Binding binding = new BindingBuilder()
                .withNewMetadata().withName(pod.getMetadata().getName()).withNamespace(pod.getMetadata().getNamespace())
                .withUid(pod.getMetadata().getUid()).endMetadata()
                .withNewTarget().withApiVersion("v1").withKind("Node").withName(node).endTarget()
                .build();
        URI uri = URI.create(client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/"
                             + pod.getMetadata().getNamespace() + "/pods/" + pod.getMetadata().getName() + "/binding");
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(uri)
                .post("application/json", KubernetesJson.write(binding)).build();
        HttpResponse<String> response;
        try {
            response = client.getHttpClient().sendAsync(request, String.class).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted binding " + pod.getMetadata().getName(), e);
        } catch (ExecutionException e) {
            throw new IOException("binding " + pod.getMetadata().getName() + " to " + node + ": " + e.getCause(), e.getCause());
        }
        if (response.code() == 404 || response.code() == 409) {
            return false;
        }
        if (response.code() >= 300) {
            throw new IOException("binding " + pod.getMetadata().getName() + " to " + node + ": HTTP " + response.code()
                                  + " " + response.body());
        }
        return true;
    }

    /** Sets one status condition, merged by type with the others; false when the pod is gone. */
    boolean setCondition(Pod pod, Map<String, Object> condition) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .subresource("status").patch(STRATEGIC, KubernetesJson.write(Map.of(
                            "metadata", Map.of("uid", pod.getMetadata().getUid()),
                            "status", Map.of("conditions", List.of(condition)))));
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
