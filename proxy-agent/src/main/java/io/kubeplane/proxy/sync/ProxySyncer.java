package io.kubeplane.proxy.sync;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubeplane.informer.ResourceEventHandler;
import io.kubeplane.informer.SharedIndexInformer;
import io.kubeplane.proxy.dataplane.DataPlane;
import io.kubeplane.proxy.desired.DesiredState;
import io.kubeplane.proxy.desired.ProxyState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-proxy's sync loop: any Service or EndpointSlice change marks the state dirty; one thread
 * recomputes the {@link ProxyState} from the informers' caches and hands it to the
 * {@link DataPlane}, at most once per {@code minSyncPeriod} (so a burst of changes is one sync) and
 * at least once per {@code syncPeriod}. A failed sync is retried with a growing delay. Metrics as
 * kube-proxy names them: {@code kubeproxy_sync_proxy_rules_duration_seconds} and
 * {@code kubeproxy_network_programming_duration_seconds}. It owns the two informers: starts and
 * stops them. Thread-safe.
 */
public final class ProxySyncer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProxySyncer.class);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final String nodeName;
    private final List<String> nodeIPs;
    private final SharedIndexInformer<Service> services;
    private final SharedIndexInformer<EndpointSlice> slices;
    private final DataPlane plane;
    private final Duration minSyncPeriod;
    private final Duration syncPeriod;
    private final Clock clock;
    private final ProgrammingLatency latency = new ProgrammingLatency();
    private final Map<String, Programmed> programmed = new ConcurrentHashMap<>();
    private final Timer syncDuration;
    private final Timer programmingDuration;
    private final AtomicReference<ProxyState> current;
    private final AtomicReference<@Nullable SyncStatus> status = new AtomicReference<>();
    private final Object signal = new Object();
    private boolean dirty = true; // guarded by signal
    private volatile boolean stopped;
    private volatile @Nullable Thread thread;
    private volatile Instant lastSuccess = Instant.EPOCH;
    private final List<Consumer<ProxyState>> listeners = new CopyOnWriteArrayList<>();

    public ProxySyncer(String nodeName, List<String> nodeIPs, SharedIndexInformer<Service> services,
                       SharedIndexInformer<EndpointSlice> slices, DataPlane plane, MeterRegistry registry,
                       Duration minSyncPeriod, Duration syncPeriod, Clock clock) {
        this.nodeName = nodeName;
        this.nodeIPs = List.copyOf(nodeIPs);
        this.services = services;
        this.slices = slices;
        this.plane = plane;
        this.minSyncPeriod = minSyncPeriod;
        this.syncPeriod = syncPeriod;
        this.clock = clock;
        this.current = new AtomicReference<>(ProxyState.empty(nodeName, nodeIPs));
        this.syncDuration = Timer.builder("kubeproxy.sync.proxy.rules.duration")
                .description("How long one sync of the proxy rules took: computing the state and applying it")
                .tag("mode", plane.mode()).publishPercentileHistogram().register(registry);
        this.programmingDuration = Timer.builder("kubeproxy.network.programming.duration")
                .description("From an endpoints change (its last-change-trigger-time) to this node's rules applying it")
                .tag("mode", plane.mode()).publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(5)).register(registry);
        Gauge.builder("kubeproxy.sync.proxy.rules.last.timestamp", this, s -> s.lastSuccess.toEpochMilli() / 1000.0)
                .description("When the proxy rules were last synced successfully").baseUnit("seconds").register(registry);
        services.addEventHandler(ResourceEventHandler.onAnyChange(s -> markDirty()));
        slices.addEventHandler(ResourceEventHandler.onAnyChange(slice -> {
            latency.changed(slice);
            markDirty();
        }));
    }

    /** Starts the informers and the sync thread; the first sync waits for both informers to have synced. */
    public void start() {
        services.start();
        slices.start();
        thread = Thread.ofPlatform().name("proxy-sync").daemon().start(this::run);
    }

    /** The state the data plane last applied (empty before the first sync). */
    /**
     * Calls {@code listener} with the state after every successful sync, on the sync thread; what
     * it throws is logged and does not fail the sync.
     */
    public void onSynced(Consumer<ProxyState> listener) {
        listeners.add(listener);
    }

    /** Whether the last sync succeeded. */
    public boolean healthy() {
        SyncStatus last = status.get();
        return last != null && last.error() == null;
    }

    public ProxyState current() {
        return current.get();
    }

    /** The state the caches give now, computed afresh (for views that must not wait for a sync). */
    public ProxyState desired() {
        return DesiredState.compute(nodeName, nodeIPs, services.store().list(), slices.store().list());
    }

    /**
     * When a Service's latest endpoints change reached this node's rules: the change's trigger time
     * (stamped by the endpoints controller) and the end of the sync that programmed it.
     *
     * @param latencyMs the network programming latency of that change
     */
    public record Programmed(Instant triggerTime, Instant programmedAt, long latencyMs) {
        Programmed(Instant triggerTime, Instant programmedAt) {
            this(triggerTime, programmedAt, Duration.between(triggerTime, programmedAt).toMillis());
        }
    }

    /** The last endpoints change of a Service ({@code namespace/name}) this node programmed, if any since start. */
    public @Nullable Programmed programmed(String service) {
        return programmed.get(service);
    }

    public @Nullable SyncStatus status() {
        return status.get();
    }

    /** The Services informer, for others on the node that read Services too. */
    public SharedIndexInformer<Service> services() {
        return services;
    }

    public DataPlane dataPlane() {
        return plane;
    }

    /** Whether a sync has succeeded since start. */
    public boolean synced() {
        return lastSuccess.isAfter(Instant.EPOCH);
    }

    private void markDirty() {
        synchronized (signal) {
            dirty = true;
            signal.notifyAll();
        }
    }

    private void run() {
        while (!stopped && !(services.awaitSynced(Duration.ofSeconds(10)) && slices.awaitSynced(Duration.ofSeconds(10)))) {
            log.info("proxy {}: waiting for the Services and EndpointSlices informers to sync", nodeName);
        }
        Duration retry = Duration.ZERO;
        while (!stopped) {
            try {
                awaitWork(retry);
            } catch (InterruptedException e) {
                return;
            }
            if (stopped) {
                return;
            }
            retry = syncOnce() ? Duration.ZERO
                    : retry.isZero() ? minSyncPeriod.plusMillis(500) : min(retry.multipliedBy(2), MAX_RETRY);
        }
    }

    /** Waits until dirty (or the sync period passed), then until minSyncPeriod since the last sync. */
    private void awaitWork(Duration retry) throws InterruptedException {
        long deadline = System.nanoTime() + (retry.isZero() ? syncPeriod : retry).toNanos();
        synchronized (signal) {
            while (!dirty && !stopped && retry.isZero()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                signal.wait(Math.max(1, left / 1_000_000));
            }
            dirty = false;
        }
        if (!retry.isZero()) {
            Thread.sleep(retry);
        } else if (!minSyncPeriod.isZero()) {
            Thread.sleep(minSyncPeriod); // let a burst of changes gather into one sync
        }
        synchronized (signal) {
            dirty = false;
        }
    }

    /** One sync; true when the data plane accepted it. */
    boolean syncOnce() {
        List<ProgrammingLatency.Trigger> triggers = latency.drain();
        long start = System.nanoTime();
        ProxyState state = desired();
        try {
            DataPlane.SyncResult result = plane.sync(state);
            long took = System.nanoTime() - start;
            syncDuration.record(Duration.ofNanos(took));
            Instant now = clock.instant();
            for (ProgrammingLatency.Trigger trigger : triggers) {
                Duration programming = Duration.between(trigger.at(), now);
                if (!programming.isNegative()) {
                    programmingDuration.record(programming);
                }
                programmed.merge(trigger.service(), new Programmed(trigger.at(), now),
                        (old, fresh) -> old.triggerTime().isAfter(fresh.triggerTime()) ? old : fresh);
            }
            current.set(state);
            lastSuccess = now;
            status.set(new SyncStatus(now, took / 1_000_000, result.full(), result.changed(), result.summary(), null,
                    state.ports().size()));
            if (result.full() || result.changed() > 0) {
                log.info("proxy {} ({}): synced {} service ports in {} ms: {}", nodeName, plane.mode(),
                        state.ports().size(), took / 1_000_000, result.summary());
            }
            for (Consumer<ProxyState> listener : listeners) {
                try {
                    listener.accept(state);
                } catch (RuntimeException e) {
                    log.warn("proxy {}: after the sync: {}", nodeName, e.toString());
                }
            }
            return true;
        } catch (DataPlane.SyncException | RuntimeException e) {
            latency.restore(triggers);
            long took = System.nanoTime() - start;
            status.set(new SyncStatus(clock.instant(), took / 1_000_000, false, 0, "failed", e.getMessage(),
                    state.ports().size()));
            log.warn("proxy {} ({}): sync failed, will retry: {}", nodeName, plane.mode(), e.getMessage());
            markDirty();
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    /** Stops syncing and the informers, and removes what the data plane programmed. */
    @Override
    public void close() {
        stopped = true;
        services.stop();
        slices.stop();
        markDirty();
        Thread running = thread;
        if (running != null) {
            running.interrupt();
            try {
                running.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        plane.close();
    }
}
