package io.kubeplane.endpoints.controller;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;

/**
 * What the controllers keep of each cached object: only the fields the endpoint rules read,
 * {@linkplain Compaction compacted}, so a cache of a hundred thousand pods fits in a small heap
 * (client-go controllers trim their caches the same way). Pure.
 */
final class SlimObjects {

    private SlimObjects() {
    }

    /** Name, namespace, uid, labels, deletion; node, hostname, subdomain, container ports; phase, IPs, Ready. */
    static Pod pod(Pod pod) {
        PodBuilder slim = new PodBuilder().withMetadata(metadata(pod.getMetadata(), true));
        if (pod.getSpec() != null) {
            List<Container> containers = pod.getSpec().getContainers() == null ? List.of() : pod.getSpec().getContainers().stream()
                    .map(c -> new ContainerBuilder().withName(c.getName()).withPorts(c.getPorts()).build()).toList();
            slim.withNewSpec().withNodeName(pod.getSpec().getNodeName()).withHostname(pod.getSpec().getHostname())
                    .withSubdomain(pod.getSpec().getSubdomain()).withContainers(containers).endSpec();
        }
        if (pod.getStatus() != null) {
            List<PodCondition> ready = pod.getStatus().getConditions() == null ? List.of()
                    : pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).toList();
            slim.withNewStatus().withPhase(pod.getStatus().getPhase()).withPodIP(pod.getStatus().getPodIP())
                    .withPodIPs(pod.getStatus().getPodIPs()).withConditions(ready).endStatus();
        }
        return Compaction.compact(slim.build());
    }

    /** Name and labels (the zone). */
    static Node node(Node node) {
        return Compaction.compact(new NodeBuilder().withMetadata(metadata(node.getMetadata(), false)).build());
    }

    /** Everything but {@code managedFields}, which nothing here reads. */
    static <T extends HasMetadata> T withoutManagedFields(T object) {
        if (object.getMetadata() != null) {
            object.getMetadata().setManagedFields(null);
        }
        return object;
    }

    private static ObjectMeta metadata(ObjectMeta metadata, boolean namespaced) {
        ObjectMetaBuilder slim = new ObjectMetaBuilder().withName(metadata.getName()).withUid(metadata.getUid())
                .withLabels(metadata.getLabels()).withResourceVersion(metadata.getResourceVersion());
        if (namespaced) {
            slim.withNamespace(metadata.getNamespace()).withDeletionTimestamp(metadata.getDeletionTimestamp());
        }
        return slim.build();
    }
}
