package io.kubeplane.endpoints.desired;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Why a pod is, or is not, an endpoint of a Service, in words: the answer to "why is this pod not
 * an endpoint". Pure.
 *
 * @param pod      the pod's name
 * @param endpoint {@code ready}, {@code not ready}, {@code terminating} or {@code no}
 * @param reasons  what decided it, one line each
 */
public record PodVerdict(String pod, String endpoint, List<String> reasons) {

    public static PodVerdict of(Service service, Pod pod) {
        String name = pod.getMetadata().getName();
        List<String> reasons = new ArrayList<>();
        if (!PodRules.hasSelector(service)) {
            return new PodVerdict(name, "no", List.of("the Service has no selector: its Endpoints are written by hand"));
        }
        if (!PodRules.selects(service, pod)) {
            Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
            service.getSpec().getSelector().forEach((k, v) -> {
                if (!v.equals(labels.get(k))) {
                    reasons.add("label " + k + " is " + (labels.containsKey(k) ? "\"" + labels.get(k) + "\"" : "missing")
                                + ", the selector wants \"" + v + "\"");
                }
            });
            return new PodVerdict(name, "no", reasons);
        }
        reasons.add("matches the selector " + service.getSpec().getSelector());
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            reasons.add("phase " + phase + ": finished pods are never endpoints");
            return new PodVerdict(name, "no", reasons);
        }
        if (PodRules.ips(pod).isEmpty()) {
            reasons.add("no IP yet (status.podIP is empty; ipam-service assigns one once the pod is bound to a node with a podCIDR)");
            return new PodVerdict(name, "no", reasons);
        }
        reasons.add("IP " + String.join(", ", PodRules.ips(pod)));
        for (ServicePort port : service.getSpec().getPorts() == null ? List.<ServicePort>of() : service.getSpec().getPorts()) {
            var target = PodRules.targetPort(pod, port);
            reasons.add("port " + (port.getName() == null ? port.getPort() : port.getName()) + " -> "
                        + (target.isPresent() ? "pod port " + target.getAsInt()
                           : "none: no container port named \"" + port.getTargetPort().getStrVal() + "\" (" + port.getProtocol()
                             + "), so the pod is left out of this port"));
        }
        if (PodRules.terminating(pod)) {
            reasons.add("being deleted: in EndpointSlices as terminating, not ready; not in Endpoints");
            return new PodVerdict(name, "terminating", reasons);
        }
        boolean ready = PodRules.ready(pod);
        boolean publish = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
        reasons.add(ready ? "condition Ready is True" : "condition Ready is not True"
                    + (publish ? ", but the Service publishes not-ready addresses" : ""));
        return new PodVerdict(name, ready || publish ? "ready" : "not ready", reasons);
    }
}
