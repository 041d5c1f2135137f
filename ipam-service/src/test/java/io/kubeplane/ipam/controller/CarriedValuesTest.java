package io.kubeplane.ipam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.kubeplane.ipam.allocation.Pools;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CarriedValuesTest {

    // Pools are built without touching the store; only podRange() would record a new pool.
    private final Pools pools = new Pools(List.of("10.96.0.0/12"), "30000-32767",
            Map.of("default", List.of("127.0.100.0/24")), "10.244.0.0/16", 24, null);
    private final CarriedValues values = new CarriedValues(pools);

    @Test
    void aServiceCarriesItsClusterIpNodePortsHealthCheckPortAndIngressInPools() {
        var service = new ServiceBuilder().withNewMetadata().withNamespace("ns").withName("web").withUid("u").endMetadata()
                .withNewSpec().withType("LoadBalancer").withClusterIP("10.96.0.9").withClusterIPs("10.96.0.9")
                .withHealthCheckNodePort(31999)
                .addNewPort().withPort(80).withNodePort(30080).endPort()
                .addNewPort().withPort(80).withProtocol("UDP").withNodePort(30080).endPort()
                .endSpec()
                .withNewStatus().withNewLoadBalancer().addNewIngress().withIp("127.0.100.4").endIngress()
                .addNewIngress().withIp("192.0.2.1").endIngress().endLoadBalancer().endStatus()
                .build();
        assertThat(values.of(service)).extracting(RepairPlan.Carried::value, RepairPlan.Carried::pool, RepairPlan.Carried::slot)
                .containsExactly(
                        tuple("10.96.0.9", "10.96.0.0/12", null),
                        tuple("30080", "node-ports", null),
                        tuple("31999", "node-ports", null),
                        tuple("127.0.100.4", "load-balancer-ips:127.0.100.0/24", "loadBalancerIP"));
    }

    @Test
    void aNodeCarriesItsPodCidrAndAHostNetworkPodNothing() {
        var node = new NodeBuilder().withNewMetadata().withName("n1").withUid("n").endMetadata()
                .withNewSpec().withPodCIDR("10.244.3.0/24").endSpec().build();
        assertThat(values.of(node)).extracting(RepairPlan.Carried::value, RepairPlan.Carried::slot)
                .containsExactly(tuple("10.244.3.0/24", "podCIDR"));
        var hostPod = new PodBuilder().withNewMetadata().withNamespace("ns").withName("p").withUid("p").endMetadata()
                .withNewSpec().withNodeName("n1").withHostNetwork(true).endSpec()
                .withNewStatus().withPodIP("192.168.1.10").endStatus().build();
        assertThat(values.of(hostPod, "10.244.3.0/24")).isEmpty();
    }
}
