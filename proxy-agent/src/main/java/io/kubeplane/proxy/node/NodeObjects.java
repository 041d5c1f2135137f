package io.kubeplane.proxy.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects a node agent registers and keeps, shaped as a kubelet's: the Node with its addresses,
 * capacity, version and conditions, and its heartbeat Lease in {@code kube-node-lease}. Pure.
 */
public final class NodeObjects {

    public static final String LEASE_NAMESPACE = "kube-node-lease";

    private NodeObjects() {
    }

    public static Node node(NodeIdentity identity, Instant now) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", identity.name());
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("beta.kubernetes.io/os", "linux");
        labels.put("beta.kubernetes.io/arch", "amd64");
        Map<String, Quantity> capacity = Map.of("cpu", new Quantity("2"), "memory", new Quantity("8Gi"),
                "pods", new Quantity("110"), "ephemeral-storage", new Quantity("20Gi"));
        return new NodeBuilder()
                .withNewMetadata().withName(identity.name()).withLabels(labels)
                    .withAnnotations(Map.of("node.alpha.kubernetes.io/ttl", "0")).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus()
                    .addNewAddress().withType("InternalIP").withAddress(identity.internalIp()).endAddress()
                    .addNewAddress().withType("Hostname").withAddress(identity.name()).endAddress()
                    .withCapacity(capacity).withAllocatable(capacity)
                    .withConditions(conditions(now))
                    .withNewNodeInfo().withKubeletVersion(NodeIdentity.VERSION).withKubeProxyVersion(NodeIdentity.VERSION)
                        .withOperatingSystem("linux").withArchitecture("amd64").withOsImage("kubeplane node agent")
                        .withContainerRuntimeVersion("kubeplane://1.0").withKernelVersion(System.getProperty("os.version", ""))
                        .withMachineID(identity.name()).withSystemUUID(identity.name()).withBootID(identity.name())
                    .endNodeInfo()
                .endStatus().build();
    }

    /** The kubelet's conditions of a healthy node: no pressure, network ready, Ready True. */
    public static List<NodeCondition> conditions(Instant now) {
        return List.of(
                condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now),
                condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now),
                condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now),
                ready(now));
    }

    public static NodeCondition ready(Instant now) {
        return condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", now);
    }

    public static Lease lease(NodeIdentity identity, String nodeUid, Duration leaseDuration, Instant now) {
        return new LeaseBuilder()
                .withNewMetadata().withNamespace(LEASE_NAMESPACE).withName(identity.name())
                    .addNewOwnerReference().withApiVersion("v1").withKind("Node").withName(identity.name())
                    .withUid(nodeUid).endOwnerReference()
                .endMetadata()
                .withNewSpec().withHolderIdentity(identity.name()).withLeaseDurationSeconds((int) leaseDuration.toSeconds())
                    .withRenewTime(now.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC)).endSpec()
                .build();
    }

    private static NodeCondition condition(String type, String status, String reason, String message, Instant now) {
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastHeartbeatTime(time).withLastTransitionTime(time).build();
    }
}
