package io.kubeplane.local.components;

import io.kubeplane.local.postgres.PostgresTarget;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Starts the components, each as its own Spring application (no parent context: nothing is shared
 * but the JVM), one after the other in the given order, and stops them in reverse.
 *
 * <p>A component that fails to start, or does not start within the timeout, makes {@link #start}
 * stop the ones already running and throw {@link ComponentStartException}: nothing is left half
 * up, and nothing waits forever. A component whose context closes later while the launcher is not
 * stopping is reported to {@code onUnexpectedStop}, so the caller can stop the rest.
 *
 * <p>Thread-safe: {@link #close} may be called from a shutdown hook while {@link #start} is running;
 * it stops what has started, and a component still starting is abandoned to the JVM's exit.
 */
public final class ComponentLauncher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ComponentLauncher.class);

    private final Duration startTimeout;
    private final PostgresTarget store;
    private final Consumer<String> onUnexpectedStop;
    private final Deque<Running> running = new ArrayDeque<>(); // guarded by itself
    private final AtomicBoolean stopping = new AtomicBoolean();

    /** A component that has started, and how long that took. */
    public record Started(Component component, Duration startupTime) {
    }

    private record Running(Component component, ConfigurableApplicationContext context) {
    }

    /**
     * @param startTimeout     how long one component may take to start
     * @param store            the cluster store, bound into the components that declare a database
     * @param onUnexpectedStop called with a component's name when it stops by itself, from the
     *                         thread that closed it
     */
    public ComponentLauncher(Duration startTimeout, PostgresTarget store, Consumer<String> onUnexpectedStop) {
        this.startTimeout = startTimeout;
        this.store = store;
        this.onUnexpectedStop = onUnexpectedStop;
    }

    /**
     * Starts {@code components} in order and returns when all have started.
     *
     * @throws ComponentStartException after stopping the components already started
     */
    public List<Started> start(List<Component> components) {
        List<Started> started = new ArrayList<>();
        for (Component component : components) {
            if (stopping.get()) {
                throw new ComponentStartException(component.name(), "the local cluster is stopping", new InterruptedException());
            }
            try {
                started.add(startOne(component));
            } catch (ComponentStartException e) {
                close();
                throw e;
            }
        }
        return List.copyOf(started);
    }

    private Started startOne(Component component) {
        long begin = System.nanoTime();
        AtomicBoolean live = new AtomicBoolean();
        ApplicationListener<ContextClosedEvent> watcher = event -> {
            // Closed by itself (not by close() below, and not because its own start failed).
            if (live.getAndSet(false) && !stopping.get()) {
                log.error("{} stopped unexpectedly", component.name());
                onUnexpectedStop.accept(component.name());
            }
        };
        CompletableFuture<ConfigurableApplicationContext> result = new CompletableFuture<>();
        // Started on a thread of its own so that a component that hangs while starting can be
        // given up after the timeout instead of blocking the launcher forever.
        Thread starter = Thread.ofPlatform().name("start-" + component.name()).start(() -> {
            try {
                result.complete(component.application().get()
                        .listeners(new ClusterStoreBinding(store), watcher)
                        .run(component.arguments().toArray(String[]::new)));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        ConfigurableApplicationContext context;
        try {
            context = result.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            starter.interrupt();
            throw new ComponentStartException(component.name(), component.name() + " did not start within "
                    + startTimeout.toSeconds() + " s (see its log above)", e);
        } catch (ExecutionException e) {
            throw new ComponentStartException(component.name(), component.name() + " failed to start: "
                    + rootCauseMessage(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComponentStartException(component.name(), "interrupted while starting " + component.name(), e);
        }
        live.set(true);
        synchronized (running) {
            running.push(new Running(component, context));
        }
        if (stopping.get()) {
            // close() ran while this one was starting and did not see it.
            close();
            throw new ComponentStartException(component.name(), "the local cluster is stopping", new InterruptedException());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        log.info("{} started on {} in {} ms", component.name(), component.url(), took.toMillis());
        return new Started(component, took);
    }

    /** Stops every started component, the last started first. Idempotent. */
    @Override
    public void close() {
        stopping.set(true);
        while (true) {
            Running next;
            synchronized (running) {
                next = running.poll();
            }
            if (next == null) {
                return;
            }
            long begin = System.nanoTime();
            try {
                next.context().close();
                log.info("{} stopped in {} ms", next.component().name(), (System.nanoTime() - begin) / 1_000_000);
            } catch (RuntimeException e) {
                log.warn("{} did not stop cleanly: {}", next.component().name(), e.toString());
            }
        }
    }

    /** Whether every started component is still running. */
    public boolean allRunning() {
        synchronized (running) {
            return !stopping.get() && running.stream().allMatch(r -> r.context().isActive());
        }
    }

    /**
     * The message of the innermost cause that has one; but a port in use, the most common failure,
     * is reported as Spring Boot words it ("Port 8081 is already in use"), not as the socket's
     * "Address already in use".
     */
    static String rootCauseMessage(Throwable error) {
        String message = error.toString();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PortInUseException) {
                return t.getMessage();
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
