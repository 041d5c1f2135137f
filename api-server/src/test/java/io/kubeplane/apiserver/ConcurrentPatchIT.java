package io.kubeplane.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.apiserver.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Patches that name no resourceVersion do not fail because another writer got in first: the
 * server re-reads and re-applies them, as kube-apiserver does; a patch that names a stale
 * resourceVersion still gets 409.
 */
class ConcurrentPatchIT {

    private final ApiClient api = SharedApiServer.get().client();
    private final String ns = SharedApiServer.newNamespace("patch");

    @Test
    void concurrentMergePatchesWithoutAResourceVersionAllLand() throws Exception {
        api.post("/api/v1/namespaces/" + ns + "/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"busy"},"spec":{"containers":[{"name":"c","image":"nginx"}]}}""");
        List<Future<Response>> results = new ArrayList<>();
        try (ExecutorService writers = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 40; i++) {
                int n = i;
                results.add(writers.submit(() -> api.patch("/api/v1/namespaces/" + ns + "/pods/busy", "application/merge-patch+json",
                        "{\"metadata\":{\"labels\":{\"writer-" + n + "\":\"yes\"}}}")));
            }
        }
        for (Future<Response> result : results) {
            assertThat(result.get().status()).as(result.get().body()).isEqualTo(200);
        }
        assertThat(api.get("/api/v1/namespaces/" + ns + "/pods/busy").json().at("/metadata/labels").size()).isEqualTo(40);
    }

    @Test
    void aPatchNamingAStaleResourceVersionIsAConflict() {
        String rv = api.post("/api/v1/namespaces/" + ns + "/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"guarded"},"spec":{"containers":[{"name":"c","image":"nginx"}]}}""")
                .json().at("/metadata/resourceVersion").asString();
        api.patch("/api/v1/namespaces/" + ns + "/pods/guarded", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"a\":\"1\"}}}");
        Response stale = api.patch("/api/v1/namespaces/" + ns + "/pods/guarded", "application/merge-patch+json",
                "{\"metadata\":{\"resourceVersion\":\"" + rv + "\",\"labels\":{\"b\":\"2\"}}}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("reason").asString()).isEqualTo("Conflict");
    }
}
