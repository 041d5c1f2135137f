package io.kubeplane.proxy.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readiness probes of the pods on this node: one virtual thread per container with a
 * {@code readinessProbe}, probing every period after the initial delay, and a call back with the
 * pod's key whenever a container's readiness changes. Thread-safe.
 */
public final class Prober implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Prober.class);

    private record Worker(Thread thread, ProbeCounter counter) {
    }

    private final ProbeCheck check;
    private final Consumer<String> readinessChanged;
    /** Pod uid → container name → its worker. */
    private final Map<String, Map<String, Worker>> workers = new ConcurrentHashMap<>();

    public Prober(ProbeCheck check, Consumer<String> readinessChanged) {
        this.check = check;
        this.readinessChanged = readinessChanged;
    }

    /** Starts probing the pod's containers, if not already; the pod must have its IP. */
    public void probe(Pod pod, String podKey) {
        String podIp = pod.getStatus().getPodIP();
        workers.computeIfAbsent(pod.getMetadata().getUid(), uid -> {
            Map<String, Worker> byContainer = new ConcurrentHashMap<>();
            for (Container container : pod.getSpec().getContainers()) {
                if (container.getReadinessProbe() == null) {
                    continue;
                }
                ProbeCounter.Settings settings = ProbeCounter.Settings.of(container.getReadinessProbe());
                ProbeCounter counter = new ProbeCounter(settings);
                Thread thread = Thread.ofVirtual().name("probe-" + podKey + "-" + container.getName()).unstarted(() ->
                        run(container, podIp, podKey, settings, counter));
                byContainer.put(container.getName(), new Worker(thread, counter));
            }
            byContainer.values().forEach(w -> w.thread().start());
            return byContainer;
        });
    }

    /**
     * A container's readiness by its probe: empty when it has none (then it is ready as soon as it
     * runs), false until the probe has passed.
     */
    public Optional<Boolean> ready(String podUid, String container) {
        Map<String, Worker> byContainer = workers.get(podUid);
        Worker worker = byContainer == null ? null : byContainer.get(container);
        return worker == null ? Optional.empty() : Optional.of(worker.counter().ready());
    }

    /** Stops probing a pod that is gone, terminating or moved. */
    public void stop(String podUid) {
        Map<String, Worker> byContainer = workers.remove(podUid);
        if (byContainer != null) {
            byContainer.values().forEach(w -> w.thread().interrupt());
        }
    }

    public int probing() {
        return workers.values().stream().mapToInt(Map::size).sum();
    }

    private void run(Container container, String podIp, String podKey, ProbeCounter.Settings settings, ProbeCounter counter) {
        try {
            Thread.sleep(settings.initialDelay());
            while (!Thread.currentThread().isInterrupted()) {
                boolean passed = check.passes(container.getReadinessProbe(), container, podIp, settings.timeout());
                boolean changed;
                synchronized (counter) {
                    changed = counter.record(passed);
                }
                if (changed) {
                    log.info("Pod {} container {}: readiness probe {}, now {}", podKey, container.getName(),
                            passed ? "passed" : "failed", counter.ready() ? "ready" : "not ready");
                    readinessChanged.accept(podKey);
                }
                Thread.sleep(settings.period());
            }
        } catch (InterruptedException e) {
            // stopped
        }
    }

    @Override
    public void close() {
        List.copyOf(workers.keySet()).forEach(this::stop);
    }
}
