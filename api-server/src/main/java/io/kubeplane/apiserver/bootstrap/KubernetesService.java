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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the {@code default/kubernetes} Service, as kube-apiserver's controller does: created with
 * the first address of the first service CIDR, recreated if deleted, and its Endpoints and
 * EndpointSlice listing the api-server replicas that are alive: each renews its lease
 * ({@link ApiServerLeases}) at every check, every ten seconds, and a replica whose lease is older
 * than {@link #LEASE_TTL} is dropped, as is one that stops cleanly. While ipam-service cannot be
 * reached it tries again at the next check.
 */
public final class KubernetesService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KubernetesService.class);
    static final Duration INTERVAL = Duration.ofSeconds(10);
    /** How long a replica stays listed after its last renewal: three missed checks. */
    static final Duration LEASE_TTL = INTERVAL.multipliedBy(3);

    private final ObjectStore store;
    private final CreateOperation creator;
    private final UpdateOperation updater;
    private final IpamViews views;
    private final ApiServerLeases leases;
    private final Optional<String> address;
    private final int port;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("kubernetes-service").factory());
    private volatile String lastProblem = "";
    private volatile boolean started;

    /**
     * @param address this replica's advertised address, listed in the Endpoints; empty picks one
     * @param port    its secure port, the Service's target port; 0 when it serves none (then it lists no endpoint)
     */
    public KubernetesService(ObjectStore store, CreateOperation creator, UpdateOperation updater, IpamViews views,
                             JdbcTemplate jdbc, @Nullable String address, int port) {
        this.store = store;
        this.creator = creator;
        this.updater = updater;
        this.views = views;
        this.leases = new ApiServerLeases(jdbc);
        this.address = AdvertiseAddress.resolve(address);
        if (this.address.isEmpty()) {
            log.warn("No address to list in the default/kubernetes Endpoints: no non-loopback IPv4 interface, and "
                     + "kubeplane.api-server.advertise-address is not set");
        }
        this.port = port;
    }

    public void start() {
        started = true;
        executor.scheduleWithFixedDelay(this::reconcile, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One check: create what is missing, renew this replica's lease, list the live replicas. */
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
                leases.renew(address.get(), port);
            }
            listLiveReplicas();
            lastProblem = "";
        } catch (RuntimeException e) {
            String problem = e.getMessage() == null ? e.toString() : e.getMessage();
            if (!problem.equals(lastProblem)) {
                log.warn("Could not ensure the default/kubernetes Service yet: {}", problem);
                lastProblem = problem;
            }
        }
    }

    private void listLiveReplicas() {
        List<ApiServerLeases.Lease> live = leases.live(LEASE_TTL);
        if (live.isEmpty() && (address.isEmpty() || port == 0)) {
            return; // a replica that serves no client leaves the list to those that do
        }
        int servedPort = live.isEmpty() ? port : live.getFirst().port();
        List<String> addresses = live.stream().map(ApiServerLeases.Lease::address).toList();
        ObjectNode endpoints = KubernetesServiceObjects.endpoints(addresses, servedPort);
        ObjectNode slice = KubernetesServiceObjects.endpointSlice(addresses, servedPort);
        ensure(ApiResources.ENDPOINTS, endpoints, current -> KubernetesServiceObjects.withEndpointsOf(current, endpoints));
        ensure(ApiResources.ENDPOINT_SLICES, slice, current -> KubernetesServiceObjects.withEndpointsOf(current, slice));
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

    /** Stops checking; a replica that served gives up its lease and drops out of the Endpoints at once. */
    @Override
    public void close() {
        executor.shutdownNow();
        if (started && address.isPresent() && port > 0) {
            try {
                leases.remove(address.get());
                listLiveReplicas();
            } catch (RuntimeException e) {
                log.warn("Could not drop this replica from the default/kubernetes Endpoints: {}", e.getMessage());
            }
        }
    }
}
