package io.kubeplane.apiserver.registry;

import io.kubeplane.model.ApiResource;
import io.kubeplane.model.ApiResources;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pod rules of kube-apiserver's {@code podStrategy} that are not validation or defaulting: a
 * new pod is Pending, the field selectors kubelets and schedulers use, and graceful deletion
 * ({@code CheckGracefulDelete}). Stateless and thread-safe.
 */
final class PodStrategy implements KindStrategy {

    /** What {@code spec.terminationGracePeriodSeconds} defaults to; a pod stored without it gets this. */
    private static final long DEFAULT_GRACE_PERIOD_SECONDS = 30;

    private static final List<String> SELECTABLE_FIELDS = List.of("spec.nodeName", "spec.restartPolicy",
            "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP",
            "status.nominatedNodeName");

    @Override
    public ApiResource resource() {
        return ApiResources.PODS;
    }

    @Override
    public void prepareForCreate(ObjectNode object) {
        object.putObject("status").put("phase", "Pending").put("qosClass", "BestEffort");
    }

    @Override
    public List<String> selectableFields() {
        return SELECTABLE_FIELDS;
    }

    /**
     * The grace period asked for, else the pod's own; none (0) for a pod no kubelet runs: one not
     * bound to a node, or one whose containers are done (Succeeded, Failed).
     */
    @Override
    public OptionalLong gracePeriodSeconds(JsonNode pod, @Nullable Long requested) {
        long period = requested != null ? requested
                : pod.path("spec").path("terminationGracePeriodSeconds").asLong(DEFAULT_GRACE_PERIOD_SECONDS);
        if (pod.path("spec").path("nodeName").asString("").isEmpty()) {
            period = 0;
        }
        String phase = pod.path("status").path("phase").asString("");
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            period = 0;
        }
        // A negative spec value (older pods may have one) counts as the shortest grace there is.
        return OptionalLong.of(period < 0 ? 1 : period);
    }
}
