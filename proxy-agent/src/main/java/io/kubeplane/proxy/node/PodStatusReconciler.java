package io.kubeplane.proxy.node;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubeplane.controller.Reconciler;
import io.kubeplane.informer.Store;
import io.kubeplane.model.KubernetesJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's pod duties for the pods bound to this node ({@code namespace/name} keys): once
 * ipam-service has given a pod its IP, reports it Running with the status {@link PodStatuses}
 * computes, probing its readiness where it asks for it; a pod being deleted is reported not ready,
 * and after the termination delay (or its grace period, if shorter) removed for good with a
 * grace period of 0, as a kubelet does once the containers have stopped.
 */
public final class PodStatusReconciler implements Reconciler<String> {

    private static final Logger log = LoggerFactory.getLogger(PodStatusReconciler.class);
    private static final PatchContext STRATEGIC = PatchContext.of(PatchType.STRATEGIC_MERGE);

    private final Store<Pod> pods;
    private final KubernetesClient client;
    private final NodeIdentity node;
    private final Prober prober;
    private final Duration terminationDelay;
    private final Clock clock;
    /** Pod key → uid of the pod being probed, to stop the probes when the key's pod goes or changes. */
    private final Map<String, String> probed = new ConcurrentHashMap<>();

    public PodStatusReconciler(Store<Pod> pods, KubernetesClient client, NodeIdentity node, Prober prober,
                               Duration terminationDelay, Clock clock) {
        this.pods = pods;
        this.client = client;
        this.node = node;
        this.prober = prober;
        this.terminationDelay = terminationDelay;
        this.clock = clock;
    }

    /** Whether the pod is this node's to run. */
    public boolean onThisNode(Pod pod) {
        return pod.getSpec() != null && node.name().equals(pod.getSpec().getNodeName());
    }

    @Override
    public Result reconcile(String key) {
        Pod pod = pods.getByKey(key);
        String probedUid = probed.get(key);
        if (probedUid != null && (pod == null || !probedUid.equals(pod.getMetadata().getUid()) || !onThisNode(pod)
                                  || pod.getMetadata().getDeletionTimestamp() != null)) {
            prober.stop(probedUid);
            probed.remove(key, probedUid);
        }
        if (pod == null || !onThisNode(pod) || pod.getStatus() == null) {
            return Result.DONE;
        }
        String phase = pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return Result.DONE;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return terminate(key, pod);
        }
        if (pod.getStatus().getPodIP() == null || pod.getStatus().getPodIP().isEmpty()) {
            return Result.DONE; // ipam-service's update brings the key back
        }
        prober.probe(pod, key);
        probed.put(key, pod.getMetadata().getUid());
        report(pod);
        return Result.DONE;
    }

    private Result terminate(String key, Pod pod) {
        report(pod);
        Instant deadline = Instant.parse(pod.getMetadata().getDeletionTimestamp());
        long grace = pod.getMetadata().getDeletionGracePeriodSeconds() == null ? 0 : pod.getMetadata().getDeletionGracePeriodSeconds();
        Instant requested = deadline.minusSeconds(grace);
        Instant removeAt = requested.plus(terminationDelay).isBefore(deadline) ? requested.plus(terminationDelay) : deadline;
        Instant now = clock.instant();
        if (now.isBefore(removeAt)) {
            return Result.requeueAfter(Duration.between(now, removeAt));
        }
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .withGracePeriod(0).delete();
            log.debug("Pod {} terminated on {}", key, node.name());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
        return Result.DONE;
    }

    private void report(Pod pod) {
        if (pod.getStatus().getPodIP() == null && pod.getMetadata().getDeletionTimestamp() != null) {
            return; // never ran: nothing to report
        }
        PodStatuses.AgentStatus desired = PodStatuses.desired(pod, node,
                container -> prober.ready(pod.getMetadata().getUid(), container), clock.instant());
        if (PodStatuses.reported(pod, desired)) {
            return;
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", desired.phase());
        status.put("hostIP", desired.hostIP());
        status.put("hostIPs", List.of(Map.of("ip", desired.hostIP())));
        status.put("startTime", desired.startTime());
        status.put("conditions", desired.conditions());
        status.put("containerStatuses", desired.containerStatuses());
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .subresource("status").patch(STRATEGIC, KubernetesJson.write(Map.of(
                            "metadata", Map.of("uid", pod.getMetadata().getUid()), "status", status)));
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 && e.getCode() != 409) {
                throw e;
            }
        }
    }
}
