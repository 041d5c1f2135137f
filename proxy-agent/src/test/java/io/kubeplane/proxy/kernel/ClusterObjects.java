package io.kubeplane.proxy.kernel;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.kubeplane.proxy.desired.DesiredState;
import io.kubeplane.proxy.desired.ProxyState;
import java.util.List;

/**
 * Services and EndpointSlices as the API server holds them, for the kernel tests. Every Service
 * is in namespace {@code default} with one TCP port named {@code http}; endpoints are ready.
 */
final class ClusterObjects {

    private ClusterObjects() {
    }

    /** A pod behind a service: its IP and the node it runs on. */
    record Pod(String ip, String node) {
    }

    static Service clusterIP(String name, String clusterIP, int port) {
        return base(name, clusterIP, port).build();
    }

    static Service nodePort(String name, String clusterIP, int port, int nodePort) {
        return base(name, clusterIP, port).editSpec().withType("NodePort").editFirstPort().withNodePort(nodePort)
                .endPort().endSpec().build();
    }

    static Service clientIPAffinity(String name, String clusterIP, int port) {
        return base(name, clusterIP, port).editSpec().withSessionAffinity("ClientIP").withNewSessionAffinityConfig()
                .withNewClientIP().withTimeoutSeconds(600).endClientIP().endSessionAffinityConfig().endSpec().build();
    }

    private static ServiceBuilder base(String name, String clusterIP, int port) {
        return new ServiceBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP(clusterIP).withClusterIPs(clusterIP)
                .addNewPort().withName("http").withProtocol("TCP").withPort(port).endPort().endSpec();
    }

    static EndpointSlice slice(String service, int targetPort, List<Pod> pods) {
        EndpointSliceBuilder b = new EndpointSliceBuilder().withNewMetadata().withNamespace("default")
                .withName(service + "-abcde").addToLabels("kubernetes.io/service-name", service).endMetadata()
                .withAddressType("IPv4").addNewPort().withName("http").withProtocol("TCP").withPort(targetPort).endPort();
        for (Pod pod : pods) {
            b.addNewEndpoint().withAddresses(pod.ip()).withNodeName(pod.node()).withNewConditions().withReady(true)
                    .withServing(true).withTerminating(false).endConditions().withNewTargetRef().withKind("Pod")
                    .withNamespace("default").withName("pod-" + pod.ip()).endTargetRef().endEndpoint();
        }
        return b.build();
    }

    /** {@link DesiredState#compute} for {@code node} at {@code nodeIp}. */
    static ProxyState state(String node, String nodeIp, List<Service> services, List<EndpointSlice> slices) {
        return DesiredState.compute(node, List.of(nodeIp), services, slices);
    }
}
