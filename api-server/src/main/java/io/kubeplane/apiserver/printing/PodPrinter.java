package io.kubeplane.apiserver.printing;

import static io.kubeplane.apiserver.printing.CellFormats.NONE;
import static io.kubeplane.apiserver.printing.CellFormats.isEmpty;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code kubectl get pods}: NAME READY STATUS RESTARTS AGE, and IP NODE NOMINATED NODE READINESS GATES
 * with {@code -o wide}, as {@code printPod}. {@link PodSummary} works out READY, STATUS and RESTARTS.
 *
 * <p>A pod that succeeded or failed carries a {@code Completed} row condition, as in Kubernetes.
 * Stateless.
 */
final class PodPrinter extends TypedPrinter<Pod> {

    static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.NAME,
            ColumnDefinition.column("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
            ColumnDefinition.column("Status", "string", "The aggregate status of the containers in this pod."),
            ColumnDefinition.column("Restarts", "string",
                    "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
            ColumnDefinition.AGE,
            ColumnDefinition.wide("IP", "string", FieldDescriptions.POD_IP),
            ColumnDefinition.wide("Node", "string", FieldDescriptions.POD_NODE_NAME),
            ColumnDefinition.wide("Nominated Node", "string", FieldDescriptions.POD_NOMINATED_NODE_NAME),
            ColumnDefinition.wide("Readiness Gates", "string", FieldDescriptions.POD_READINESS_GATES));

    private static final TableRowCondition SUCCEEDED = new TableRowCondition(
            "Completed", "True", "Succeeded", "The pod has completed successfully.");
    private static final TableRowCondition FAILED = new TableRowCondition(
            "Completed", "True", "Failed", "The pod failed.");

    PodPrinter() {
        super(Pod.class);
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    TableRow print(Pod pod, Instant now) {
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        PodSummary summary = PodSummary.of(pod, now);
        TableRow row = TableRow.of(name(pod), summary.readyCell(), summary.status(), summary.restarts(), age(pod, now),
                orNone(podIP(status)), orNone(spec.getNodeName()), orNone(status.getNominatedNodeName()),
                readinessGates(spec, status));
        return switch (CellFormats.text(status.getPhase())) {
            case "Succeeded" -> row.withCondition(SUCCEEDED);
            case "Failed" -> row.withCondition(FAILED);
            default -> row;
        };
    }

    // status.podIP wins over podIPs[0], as when kube-apiserver converts a v1 Pod to its internal form.
    private static String podIP(PodStatus status) {
        if (!isEmpty(status.getPodIP())) {
            return status.getPodIP();
        }
        return status.getPodIPs().isEmpty() ? "" : CellFormats.text(status.getPodIPs().getFirst().getIp());
    }

    /** {@code <true>/<gates>}: how many readiness gates have a condition with status True. */
    private static String readinessGates(PodSpec spec, PodStatus status) {
        List<PodReadinessGate> gates = spec.getReadinessGates();
        if (gates.isEmpty()) {
            return NONE;
        }
        int satisfied = 0;
        for (PodReadinessGate gate : gates) {
            for (PodCondition condition : status.getConditions()) {
                if (condition.getType() != null && condition.getType().equals(gate.getConditionType())) {
                    if ("True".equals(condition.getStatus())) {
                        satisfied++;
                    }
                    break;
                }
            }
        }
        return satisfied + "/" + gates.size();
    }

    private static String orNone(@Nullable String value) {
        return isEmpty(value) ? NONE : value;
    }
}
