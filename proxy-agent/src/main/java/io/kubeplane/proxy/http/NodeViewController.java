package io.kubeplane.proxy.http;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeplane.proxy.node.NodeAgent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** What this agent believes about its node: the heartbeat and the pods it runs. */
@RestController
@RequestMapping("/agent/v1")
@Tag(name = "Node", description = "This agent's node: heartbeat and pods")
public class NodeViewController {

    private final ObjectProvider<NodeAgent> agent;

    public NodeViewController(ObjectProvider<NodeAgent> agent) {
        this.agent = agent;
    }

    /** One pod bound here: its IP, phase, readiness and whether it is being deleted. */
    public record PodView(String pod, String ip, String phase, boolean ready, boolean terminating) {
    }

    public record NodeView(String node, String internalIp, boolean synced, String lastLeaseRenewal, int probes,
                           List<PodView> pods) {
    }

    @GetMapping("/node")
    @Operation(summary = "This node: when its Lease was last renewed and the pods bound to it")
    public NodeView node() {
        NodeAgent running = agent.getIfAvailable();
        if (running == null) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "the node duties are off: kubeplane.agent.api-server is not set");
        }
        String name = running.identity().name();
        List<PodView> pods = running.pods().store().list().stream()
                .filter(p -> p.getSpec() != null && name.equals(p.getSpec().getNodeName()))
                .map(NodeViewController::view).sorted(Comparator.comparing(PodView::pod)).toList();
        return new NodeView(name, running.identity().internalIp(), running.synced(),
                String.valueOf(running.heartbeat().lastRenewal()), running.probing(), pods);
    }

    private static PodView view(Pod pod) {
        boolean ready = pod.getStatus() != null && pod.getStatus().getConditions() != null
                        && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return new PodView(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(),
                pod.getStatus() == null ? null : pod.getStatus().getPodIP(),
                pod.getStatus() == null ? "Pending" : pod.getStatus().getPhase(), ready,
                pod.getMetadata().getDeletionTimestamp() != null);
    }
}
