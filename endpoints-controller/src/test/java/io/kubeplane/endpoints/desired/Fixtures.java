package io.kubeplane.endpoints.desired;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/** Services and pods for the desired-state tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** {@code web} in {@code ns}: selector app=web, port 80 -> named target "http", port 9090 -> 9090. */
    static ServiceBuilder service() {
        return new ServiceBuilder().withNewMetadata().withNamespace("ns").withName("web").withUid("svc-uid")
                .addToLabels("tier", "front").endMetadata()
                .withNewSpec().withClusterIP("10.96.0.20").withIpFamilies("IPv4").addToSelector("app", "web")
                .addNewPort().withName("http").withPort(80).withProtocol("TCP").withTargetPort(new IntOrString("http")).endPort()
                .addNewPort().withName("metrics").withPort(9090).withProtocol("TCP").withTargetPort(new IntOrString(9090)).endPort()
                .endSpec();
    }

    /** A Running, Ready pod labelled app=web on node-a, with container port "http" 8080. */
    static PodBuilder pod(String name, String ip) {
        return new PodBuilder().withNewMetadata().withNamespace("ns").withName(name).withUid(name + "-uid")
                .addToLabels("app", "web").endMetadata()
                .withNewSpec().withNodeName("node-a")
                .addNewContainer().withName("c").addNewPort().withName("http").withContainerPort(8080).withProtocol("TCP").endPort()
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip).addNewPodIP().withIp(ip).endPodIP()
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus();
    }

    static PodBuilder notReady(PodBuilder pod) {
        return pod.editStatus().withConditions().addNewCondition().withType("Ready").withStatus("False").endCondition().endStatus();
    }
}
