package io.kubeplane.apiserver.printing;

import static io.kubeplane.apiserver.printing.CellFormats.isEmpty;
import static io.kubeplane.apiserver.printing.CellFormats.isTrue;
import static io.kubeplane.apiserver.printing.CellFormats.number;
import static io.kubeplane.apiserver.printing.CellFormats.text;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * READY, STATUS and RESTARTS of one pod, worked out as {@code printPod} does.
 *
 * <p>STATUS starts from {@code status.reason}, else the phase, and is then overridden, last word
 * wins:
 * <ol>
 *   <li>{@code SchedulingGated} while the PodScheduled condition says so;</li>
 *   <li>the first init container that has not finished: {@code Init:<reason>},
 *       {@code Init:ExitCode:<n>}, {@code Init:Signal:<n>} or {@code Init:<done>/<all>} (a started
 *       sidecar, an init container with {@code restartPolicy: Always}, does not hold the pod back);</li>
 *   <li>once initialised, the first container with a waiting or terminated reason
 *       ({@code CrashLoopBackOff}, {@code Completed}, {@code ExitCode:1}, ...); {@code Completed}
 *       turns back into {@code Running} (or {@code NotReady}) while another container still runs;</li>
 *   <li>{@code Terminating} once the pod has a deletion timestamp and is not finished, or
 *       {@code Unknown} if its node was lost.</li>
 * </ol>
 * READY counts ready running containers and started ready sidecars out of all containers and
 * sidecars. RESTARTS sums the restart counts and adds how long ago the last one ended:
 * {@code 3 (5m ago)}. Immutable.
 *
 * @param ready    ready containers
 * @param total    containers, sidecars included
 * @param status   the STATUS cell
 * @param restarts the RESTARTS cell
 */
record PodSummary(int ready, int total, String status, String restarts) {

    /** {@code node.NodeUnreachablePodReason}: the node controller marks pods of a lost node so. */
    private static final String NODE_LOST = "NodeLost";

    static PodSummary of(Pod pod, Instant now) {
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        String phase = text(status.getPhase());
        String reason = isEmpty(status.getReason()) ? phase : status.getReason();
        for (PodCondition condition : status.getConditions()) {
            if ("PodScheduled".equals(condition.getType()) && "SchedulingGated".equals(condition.getReason())) {
                reason = "SchedulingGated";
            }
        }

        int total = spec.getContainers().size();
        Map<String, Container> initContainers = new HashMap<>();
        for (Container container : spec.getInitContainers()) {
            initContainers.put(text(container.getName()), container);
            if (isSidecar(container)) {
                total++;
            }
        }

        int ready = 0;
        int restarts = 0;
        int sidecarRestarts = 0;
        @Nullable Instant lastRestart = null;
        @Nullable Instant lastSidecarRestart = null;
        boolean initializing = false;
        List<ContainerStatus> initStatuses = status.getInitContainerStatuses();
        for (int i = 0; i < initStatuses.size(); i++) {
            ContainerStatus container = initStatuses.get(i);
            restarts += number(container.getRestartCount());
            lastRestart = Timestamps.later(lastRestart, lastTerminationEnd(container));
            boolean sidecar = isSidecar(initContainers.get(text(container.getName())));
            if (sidecar) {
                sidecarRestarts += number(container.getRestartCount());
                lastSidecarRestart = Timestamps.later(lastSidecarRestart, lastTerminationEnd(container));
            }
            ContainerStateTerminated terminated = state(container).getTerminated();
            ContainerStateWaiting waiting = state(container).getWaiting();
            if (terminated != null && number(terminated.getExitCode()) == 0) {
                continue;
            }
            if (sidecar && isTrue(container.getStarted())) {
                if (isTrue(container.getReady())) {
                    ready++;
                }
                continue;
            }
            if (terminated != null) {
                reason = "Init:" + terminatedReason(terminated);
            } else if (waiting != null && !isEmpty(waiting.getReason()) && !"PodInitializing".equals(waiting.getReason())) {
                reason = "Init:" + waiting.getReason();
            } else {
                reason = "Init:" + i + "/" + spec.getInitContainers().size();
            }
            initializing = true;
            break;
        }

        if (!initializing || isInitialized(status)) {
            // Init container restarts no longer count, except those of sidecars.
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            boolean hasRunning = false;
            List<ContainerStatus> statuses = status.getContainerStatuses();
            // Backwards, so the first container's reason is the one that stays.
            for (int i = statuses.size() - 1; i >= 0; i--) {
                ContainerStatus container = statuses.get(i);
                restarts += number(container.getRestartCount());
                lastRestart = Timestamps.later(lastRestart, lastTerminationEnd(container));
                ContainerStateWaiting waiting = state(container).getWaiting();
                ContainerStateTerminated terminated = state(container).getTerminated();
                if (waiting != null && !isEmpty(waiting.getReason())) {
                    reason = waiting.getReason();
                } else if (terminated != null) {
                    reason = terminatedReason(terminated);
                } else if (isTrue(container.getReady()) && state(container).getRunning() != null) {
                    hasRunning = true;
                    ready++;
                }
            }
            if ("Completed".equals(reason) && hasRunning) {
                reason = isReady(status) ? "Running" : "NotReady";
            }
        }

        if (!isEmpty(metadataDeletionTimestamp(pod))) {
            if (NODE_LOST.equals(status.getReason())) {
                reason = "Unknown";
            } else if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                reason = "Terminating";
            }
        }

        String restartsCell = restarts != 0 && lastRestart != null
                ? restarts + " (" + HumanDuration.since(lastRestart, now) + " ago)"
                : Integer.toString(restarts);
        return new PodSummary(ready, total, reason, restartsCell);
    }

    /** @return the READY cell, e.g. {@code 1/2} */
    String readyCell() {
        return ready + "/" + total;
    }

    /** A sidecar: an init container with {@code restartPolicy: Always}, which keeps running. */
    private static boolean isSidecar(@Nullable Container initContainer) {
        return initContainer != null && "Always".equals(initContainer.getRestartPolicy());
    }

    private static ContainerState state(ContainerStatus container) {
        return container.getState() == null ? new ContainerState() : container.getState();
    }

    private static @Nullable Instant lastTerminationEnd(ContainerStatus container) {
        ContainerState last = container.getLastState();
        if (last == null || last.getTerminated() == null) {
            return null;
        }
        return Timestamps.parse(last.getTerminated().getFinishedAt());
    }

    private static String terminatedReason(ContainerStateTerminated terminated) {
        if (!isEmpty(terminated.getReason())) {
            return terminated.getReason();
        }
        int signal = number(terminated.getSignal());
        return signal != 0 ? "Signal:" + signal : "ExitCode:" + number(terminated.getExitCode());
    }

    /** Whether the first Initialized condition is true, as {@code isPodInitializedConditionTrue}. */
    private static boolean isInitialized(PodStatus status) {
        return status.getConditions().stream()
                .filter(c -> "Initialized".equals(c.getType()))
                .findFirst()
                .map(c -> "True".equals(c.getStatus()))
                .orElse(false);
    }

    /** Whether any Ready condition is true, as {@code hasPodReadyCondition}. */
    private static boolean isReady(PodStatus status) {
        return status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static @Nullable String metadataDeletionTimestamp(Pod pod) {
        return pod.getMetadata() == null ? null : pod.getMetadata().getDeletionTimestamp();
    }
}
