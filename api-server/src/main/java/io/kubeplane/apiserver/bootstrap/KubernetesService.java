package io.kubeplane.apiserver.bootstrap;

import io.kubeplane.apiserver.http.ApiException;
import io.kubeplane.apiserver.ipam.IpamViews;
import io.kubeplane.apiserver.rest.CreateOperation;
import io.kubeplane.apiserver.rest.UpdateOperation;
import io.kubeplane.apiserver.storage.ObjectKey;
import io.kubeplane.apiserver.storage.ObjectStore;
import org.jspecify.annotations.Nullable;
import io.kubeplane.model.ApiResource;
import io.kubeplane.model.ApiResources;
import io.kubeplane.model.KubernetesJson;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the {@code default/kubernetes} Service, as kube-apiserver's controller does: created with
 * the first address of the first service CIDR, recreated if deleted, and its Endpoints and
 * EndpointSlice listing this replica's advertised address. Checks every ten seconds; while
 * ipam-service cannot be reached it tries again at the next check.
 */
public final class KubernetesService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KubernetesService.class);
    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final ObjectStore store;
    private final CreateOperation creator;
    private final UpdateOperation updater;
    private final IpamViews views;
    private final Optional<String> address;
    private final int port;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("kubernetes-service").factory());
    private volatile String lastProblem = "";

    /**
     * @param address this replica's advertised address, listed in the Endpoints; empty picks one
     * @param port    its secure port, the Service's target port; 0 when it serves none (then it lists no endpoint)
     */
    public KubernetesService(ObjectStore store, CreateOperation creator, UpdateOperation updater, IpamViews views,
                             @Nullable String address, int port) {
        this.store = store;
        this.creator = creator;
        this.updater = updater;
        this.views = views;
        this.address = AdvertiseAddress.resolve(address);
        if (this.address.isEmpty()) {
            log.warn("No address to list in the default/kubernetes Endpoints: no non-loopback IPv4 interface, and "
                     + "kubeplane.api-server.advertise-address is not set");
        }
        this.port = port;
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::reconcile, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One check: create what is missing, add this replica where it is not listed. */
    void reconcile() {
        try {
            String cidr = KubernetesJson.JSON.readTree(views.read(ApiResources.SERVICE_CIDRS, "kubernetes"))
                    .path("spec").path("cidrs").path(0).asString("");
            if (cidr.isEmpty()) {
                return;
            }
            ensure(ApiResources.SERVICES, KubernetesServiceObjects.service(KubernetesServiceObjects.firstAddress(cidr), port > 0 ? port : 6443),
                    null);
            if (address.isPresent() && port > 0) {
                String ip = address.get();
                ensure(ApiResources.ENDPOINTS, KubernetesServiceObjects.endpoints(ip, port),
                        current -> KubernetesServiceObjects.withAddress(current, ip, port));
                ensure(ApiResources.ENDPOINT_SLICES, KubernetesServiceObjects.endpointSlice(ip, port),
                        current -> KubernetesServiceObjects.sliceWithAddress(current, ip));
            }
            lastProblem = "";
        } catch (RuntimeException e) {
            String problem = e.getMessage() == null ? e.toString() : e.getMessage();
            if (!problem.equals(lastProblem)) {
                log.warn("Could not ensure the default/kubernetes Service yet: {}", problem);
                lastProblem = problem;
            }
        }
    }

    /** Creates {@code wanted} if missing, else applies {@code update} (null: leave it as it is). */
    private void ensure(ApiResource resource, ObjectNode wanted, @Nullable UnaryOperator<ObjectNode> update) {
        ObjectKey key = new ObjectKey(resource, KubernetesServiceObjects.NAMESPACE, KubernetesServiceObjects.NAME);
        if (store.get(key).isPresent()) {
            if (update != null) {
                updater.modify(key, false, update);
            }
            return;
        }
        try {
            creator.create(resource, KubernetesServiceObjects.NAMESPACE, wanted);
            log.info("Created {} default/kubernetes", resource.kind());
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
