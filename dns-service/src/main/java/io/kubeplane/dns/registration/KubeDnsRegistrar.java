package io.kubeplane.dns.registration;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this replica registered as the cluster DNS: makes {@code kube-system/kube-dns} when it is
 * missing (a Service someone changed is left as it is), renews this replica's Lease, and writes the
 * Endpoints from the live Leases, every {@code interval}. Every replica computes the same Endpoints,
 * so whichever writes last is right; a write that loses a race is redone on the next pass. On close
 * the Lease is deleted and the Endpoints rewritten without this replica. Failures (api-server down)
 * are logged and retried on the next pass; DNS answers never wait for this. Thread-safe.
 */
public final class KubeDnsRegistrar implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KubeDnsRegistrar.class);

    private final KubernetesClient client;
    private final String replica;
    private final String address;
    private final String clusterIP;
    private final int dnsPort;
    private final Duration interval;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("kube-dns-registrar").daemon().factory());
    private volatile @Nullable String lastError;
    private volatile boolean warnedInvalid;

    /**
     * @param replica   this replica's name (its Lease is {@code kube-dns-<replica>})
     * @param address   where this replica answers DNS
     * @param clusterIP the Service's ClusterIP when it has to be made
     * @param dnsPort   the port this replica answers on
     * @param interval  how often the Lease is renewed; it lasts three times as long
     */
    public KubeDnsRegistrar(KubernetesClient client, String replica, String address, String clusterIP, int dnsPort,
                            Duration interval, Clock clock) {
        this.client = client;
        this.replica = replica;
        this.address = address;
        this.clusterIP = clusterIP;
        this.dnsPort = dnsPort;
        this.interval = interval;
        this.clock = clock;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::passQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The last failure, or null when the last pass succeeded. */
    public @Nullable String lastError() {
        return lastError;
    }

    private void passQuietly() {
        try {
            pass();
            lastError = null;
        } catch (KubernetesClientException | IllegalStateException e) {
            if (!Objects.equals(lastError, e.getMessage())) {
                log.warn("kube-dns registration: {}; retrying every {}", e.getMessage(), interval);
            }
            lastError = e.getMessage();
        }
    }

    /** One pass: Service, own Lease, Endpoints. */
    void pass() {
        if (client.services().inNamespace(KubeDnsObjects.NAMESPACE).withName(KubeDnsObjects.NAME).get() == null) {
            Service created = client.services().inNamespace(KubeDnsObjects.NAMESPACE)
                    .resource(KubeDnsObjects.service(clusterIP)).create();
            log.info("created Service kube-system/kube-dns at {}", created.getSpec().getClusterIP());
        }
        if (!KubeDnsObjects.validEndpoint(address) && !warnedInvalid) {
            warnedInvalid = true;
            log.info("this replica answers on {}, which an Endpoints object cannot list (loopback or not an IP); "
                     + "kube-system/kube-dns lists the replicas on routable addresses only", address);
        }
        Lease lease = KubeDnsObjects.lease(replica, address, interval.multipliedBy(3), clock.instant());
        Lease held = client.leases().inNamespace(KubeDnsObjects.NAMESPACE).withName(lease.getMetadata().getName()).get();
        if (held == null) {
            client.leases().inNamespace(KubeDnsObjects.NAMESPACE).resource(lease).create();
        } else {
            lease.getMetadata().setResourceVersion(held.getMetadata().getResourceVersion());
            client.leases().inNamespace(KubeDnsObjects.NAMESPACE).resource(lease).update();
        }
        writeEndpoints(liveLeases());
    }

    private List<Lease> liveLeases() {
        return client.leases().inNamespace(KubeDnsObjects.NAMESPACE).withLabel(KubeDnsObjects.REPLICA_LABEL, "true")
                .list().getItems();
    }

    private void writeEndpoints(List<Lease> leases) {
        Endpoints wanted = KubeDnsObjects.endpoints(KubeDnsObjects.liveAddresses(leases, clock.instant()), dnsPort);
        var existing = client.endpoints().inNamespace(KubeDnsObjects.NAMESPACE).withName(KubeDnsObjects.NAME).get();
        if (existing == null) {
            client.endpoints().inNamespace(KubeDnsObjects.NAMESPACE).resource(wanted).create();
        } else if (!Objects.equals(existing.getSubsets(), wanted.getSubsets())) {
            wanted.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
            client.endpoints().inNamespace(KubeDnsObjects.NAMESPACE).resource(wanted).update();
        }
    }

    /** Stops renewing, deletes this replica's Lease and takes it out of the Endpoints. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            client.leases().inNamespace(KubeDnsObjects.NAMESPACE).withName(KubeDnsObjects.NAME + "-" + replica).delete();
            writeEndpoints(liveLeases().stream()
                    .filter(l -> !l.getMetadata().getName().equals(KubeDnsObjects.NAME + "-" + replica)).toList());
        } catch (KubernetesClientException e) {
            log.warn("kube-dns registration: could not deregister {}: {}; its Lease expires on its own", replica,
                    e.getMessage());
        }
    }
}
