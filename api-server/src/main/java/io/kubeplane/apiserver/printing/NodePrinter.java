package io.kubeplane.apiserver.printing;

import static io.kubeplane.apiserver.printing.CellFormats.isEmpty;
import static io.kubeplane.apiserver.printing.CellFormats.text;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * {@code kubectl get nodes}: NAME STATUS ROLES AGE VERSION, and INTERNAL-IP EXTERNAL-IP OS-IMAGE
 * KERNEL-VERSION CONTAINER-RUNTIME with {@code -o wide}, as {@code printNode}.
 *
 * <p>STATUS is {@code Ready} when the Ready condition is True, {@code NotReady} when it is False or
 * Unknown, {@code Unknown} when there is none, then {@code ,SchedulingDisabled} for a cordoned node.
 * ROLES come from {@code node-role.kubernetes.io/<role>} label keys and the {@code kubernetes.io/role}
 * label value, sorted. Stateless.
 */
final class NodePrinter extends TypedPrinter<Node> {

    private static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
    private static final String ROLE_LABEL = "kubernetes.io/role";

    static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.NAME,
            ColumnDefinition.column("Status", "string", "The status of the node"),
            ColumnDefinition.column("Roles", "string", "The roles of the node"),
            ColumnDefinition.AGE,
            ColumnDefinition.column("Version", "string", FieldDescriptions.NODE_KUBELET_VERSION),
            ColumnDefinition.wide("Internal-IP", "string", FieldDescriptions.NODE_ADDRESSES),
            ColumnDefinition.wide("External-IP", "string", FieldDescriptions.NODE_ADDRESSES),
            ColumnDefinition.wide("OS-Image", "string", FieldDescriptions.NODE_OS_IMAGE),
            ColumnDefinition.wide("Kernel-Version", "string", FieldDescriptions.NODE_KERNEL_VERSION),
            ColumnDefinition.wide("Container-Runtime", "string", FieldDescriptions.NODE_CONTAINER_RUNTIME_VERSION));

    NodePrinter() {
        super(Node.class);
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    TableRow print(Node node, Instant now) {
        NodeStatus status = node.getStatus() == null ? new NodeStatus() : node.getStatus();
        NodeSystemInfo info = status.getNodeInfo() == null ? new NodeSystemInfo() : status.getNodeInfo();
        boolean unschedulable = node.getSpec() != null && CellFormats.isTrue(node.getSpec().getUnschedulable());
        String roles = String.join(",", roles(metadata(node).getLabels()));
        return TableRow.of(name(node), status(status, unschedulable), roles.isEmpty() ? CellFormats.NONE : roles,
                age(node, now), text(info.getKubeletVersion()),
                address(status, "InternalIP"), address(status, "ExternalIP"),
                orUnknown(info.getOsImage()), orUnknown(info.getKernelVersion()),
                orUnknown(info.getContainerRuntimeVersion()));
    }

    private static String status(NodeStatus status, boolean unschedulable) {
        List<String> parts = new ArrayList<>(2);
        // The last condition of a type counts, as the printer reads them into a map.
        @Nullable NodeCondition ready = null;
        for (NodeCondition condition : status.getConditions()) {
            if ("Ready".equals(condition.getType())) {
                ready = condition;
            }
        }
        if (ready == null) {
            parts.add("Unknown");
        } else {
            parts.add("True".equals(ready.getStatus()) ? "Ready" : "NotReady");
        }
        if (unschedulable) {
            parts.add("SchedulingDisabled");
        }
        return String.join(",", parts);
    }

    private static List<String> roles(@Nullable Map<String, String> labels) {
        TreeSet<String> roles = new TreeSet<>();
        if (labels != null) {
            labels.forEach((key, value) -> {
                if (key.startsWith(ROLE_LABEL_PREFIX)) {
                    String role = key.substring(ROLE_LABEL_PREFIX.length());
                    if (!role.isEmpty()) {
                        roles.add(role);
                    }
                } else if (key.equals(ROLE_LABEL) && !isEmpty(value)) {
                    roles.add(value);
                }
            });
        }
        return List.copyOf(roles);
    }

    /** The first address of the type, or {@code <none>}. */
    private static String address(NodeStatus status, String type) {
        for (NodeAddress address : status.getAddresses()) {
            if (type.equals(address.getType())) {
                return text(address.getAddress());
            }
        }
        return CellFormats.NONE;
    }

    private static String orUnknown(@Nullable String value) {
        return isEmpty(value) ? "<unknown>" : value;
    }
}
