package io.kubeplane.ipam.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubeplane.model.KubernetesJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The controllers' writes to the api-server: JSON merge patches that carry the object's uid, so a
 * value meant for an object is never written onto a newer one of the same name. Thread-safe.
 */
final class ClusterWrites {

    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

    private final KubernetesClient client;

    ClusterWrites(KubernetesClient client) {
        this.client = client;
    }

    /** Sets a node's podCIDR; false when the node is gone. */
    boolean setPodCidr(String node, String uid, String cidr) {
        return patched(() -> client.nodes().withName(node).patch(MERGE, json(Map.of(
                "metadata", Map.of("uid", uid),
                "spec", Map.of("podCIDR", cidr, "podCIDRs", List.of(cidr))))));
    }

    /** Sets a pod's IP in its status; false when the pod is gone. */
    boolean setPodIp(String namespace, String pod, String uid, String ip) {
        return patched(() -> client.pods().inNamespace(namespace).withName(pod).subresource("status").patch(MERGE, json(Map.of(
                "metadata", Map.of("uid", uid),
                "status", Map.of("podIP", ip, "podIPs", List.of(Map.of("ip", ip)))))));
    }

    /** Sets (or with no IPs, clears) a Service's LoadBalancer ingress; false when the Service is gone. */
    boolean setLoadBalancerIngress(String namespace, String service, String uid, List<String> ips) {
        Map<String, Object> loadBalancer = new HashMap<>();
        // null removes the field in a merge patch
        loadBalancer.put("ingress", ips.isEmpty() ? null : ips.stream().map(ip -> Map.of("ip", ip, "ipMode", "VIP")).toList());
        return patched(() -> client.services().inNamespace(namespace).withName(service).subresource("status").patch(MERGE,
                json(Map.of("metadata", Map.of("uid", uid), "status", Map.of("loadBalancer", loadBalancer)))));
    }

    private static String json(Map<String, Object> patch) {
        return KubernetesJson.write(patch);
    }

    private static boolean patched(Runnable patch) {
        try {
            patch.run();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
