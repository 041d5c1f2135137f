package io.kubeplane.proxy.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class DesiredStateTest {

    private static final String NODE = "node-1";

    private static ServiceBuilder service(String name, String type) {
        return new ServiceBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata()
                .withNewSpec().withType(type).withClusterIP("10.96.0.10").withClusterIPs("10.96.0.10")
                .addNewPort().withName("http").withProtocol("TCP").withPort(80).withNodePort(
                        "ClusterIP".equals(type) ? null : 30080).endPort().endSpec();
    }

    /** One endpoint: address, node, ready, serving, terminating. */
    private record Ep(String ip, String node, Boolean ready, Boolean serving, Boolean terminating) {
    }

    private static EndpointSlice slice(String service, String sliceName, int targetPort, Ep... endpoints) {
        EndpointSliceBuilder b = new EndpointSliceBuilder().withNewMetadata().withNamespace("default").withName(sliceName)
                .addToLabels("kubernetes.io/service-name", service).endMetadata().withAddressType("IPv4")
                .addNewPort().withName("http").withProtocol("TCP").withPort(targetPort).endPort();
        for (Ep e : endpoints) {
            b.addNewEndpoint().withAddresses(e.ip()).withNodeName(e.node()).withNewConditions().withReady(e.ready())
                    .withServing(e.serving()).withTerminating(e.terminating()).endConditions()
                    .withNewTargetRef().withKind("Pod").withNamespace("default").withName("pod-" + e.ip()).endTargetRef()
                    .endEndpoint();
        }
        return b.build();
    }

    private static ServicePortRule only(List<Service> services, List<EndpointSlice> slices) {
        ProxyState state = DesiredState.compute(NODE, List.of("127.0.0.1"), services, slices);
        assertThat(state.ports()).hasSize(1);
        return state.ports().values().iterator().next();
    }

    private static List<String> ips(List<Endpoint> endpoints) {
        return endpoints.stream().map(Endpoint::address).toList();
    }

    @Test
    void readyEndpointsFromEverySliceInNumericOrder() {
        ServicePortRule rule = only(List.of(service("web", "NodePort").build()), List.of(
                slice("web", "web-a", 8080, new Ep("10.244.0.10", NODE, true, true, false),
                        new Ep("10.244.0.9", "node-2", true, true, false)),
                slice("web", "web-b", 8080, new Ep("10.244.0.9", "node-2", true, true, false),
                        new Ep("10.244.1.2", NODE, false, false, false))));

        assertThat(rule.name().toString()).isEqualTo("default/web:http");
        assertThat(rule.nodePort()).isEqualTo(30080);
        assertThat(ips(rule.clusterEndpoints())).containsExactly("10.244.0.9:8080", "10.244.0.10:8080");
        assertThat(ips(rule.externalEndpoints())).containsExactly("10.244.0.9:8080", "10.244.0.10:8080");
        assertThat(rule.clusterEndpoints().get(1).local()).isTrue();
        assertThat(rule.clusterEndpoints().get(1).pod()).isEqualTo("default/pod-10.244.0.10");
        assertThat(rule.internalVerdict()).isEqualTo(Verdict.FORWARD);
        assertThat(rule.externalVerdict()).isEqualTo(Verdict.FORWARD);
    }

    @Test
    void absentConditionsCountAsReady() {
        ServicePortRule rule = only(List.of(service("web", "ClusterIP").build()),
                List.of(slice("web", "web-a", 8080, new Ep("10.244.0.4", NODE, null, null, null))));

        assertThat(ips(rule.clusterEndpoints())).containsExactly("10.244.0.4:8080");
        assertThat(rule.externallyAccessible()).isFalse();
    }

    @Test
    void servingTerminatingEndpointsOnlyWhenNoneIsReady() {
        Ep terminating = new Ep("10.244.0.5", NODE, false, true, true);
        Ep ready = new Ep("10.244.0.6", "node-2", true, true, false);
        ServicePortRule withReady = only(List.of(service("web", "ClusterIP").build()),
                List.of(slice("web", "web-a", 8080, terminating, ready)));
        ServicePortRule withoutReady = only(List.of(service("web", "ClusterIP").build()),
                List.of(slice("web", "web-a", 8080, terminating, new Ep("10.244.0.7", NODE, false, false, true))));

        assertThat(ips(withReady.clusterEndpoints())).containsExactly("10.244.0.6:8080");
        assertThat(ips(withoutReady.clusterEndpoints())).containsExactly("10.244.0.5:8080");
    }

    @Test
    void noEndpointsRejects() {
        ServicePortRule rule = only(List.of(service("web", "NodePort").build()),
                List.of(slice("web", "web-a", 8080, new Ep("10.244.0.5", NODE, false, false, false))));

        assertThat(rule.clusterEndpoints()).isEmpty();
        assertThat(rule.internalVerdict()).isEqualTo(Verdict.REJECT);
        assertThat(rule.externalVerdict()).isEqualTo(Verdict.REJECT);
    }

    @Test
    void externalTrafficPolicyLocalKeepsThisNodesEndpointsAndDropsWhenThereAreNone() {
        Service local = service("web", "LoadBalancer").editSpec().withExternalTrafficPolicy("Local")
                .withHealthCheckNodePort(32000).endSpec()
                .withNewStatus().withNewLoadBalancer().addNewIngress().withIp("127.0.100.1").endIngress().endLoadBalancer()
                .endStatus().build();
        ServicePortRule mixed = only(List.of(local), List.of(slice("web", "web-a", 8080,
                new Ep("10.244.0.5", NODE, true, true, false), new Ep("10.244.1.5", "node-2", true, true, false))));
        ServicePortRule elsewhere = only(List.of(local), List.of(slice("web", "web-a", 8080,
                new Ep("10.244.1.5", "node-2", true, true, false))));

        assertThat(mixed.loadBalancerIPs()).containsExactly("127.0.100.1");
        assertThat(mixed.healthCheckNodePort()).isEqualTo(32000);
        assertThat(ips(mixed.clusterEndpoints())).containsExactly("10.244.0.5:8080", "10.244.1.5:8080");
        assertThat(ips(mixed.externalEndpoints())).containsExactly("10.244.0.5:8080");
        assertThat(elsewhere.internalVerdict()).isEqualTo(Verdict.FORWARD);
        assertThat(elsewhere.externalEndpoints()).isEmpty();
        assertThat(elsewhere.externalVerdict()).isEqualTo(Verdict.DROP);
    }

    @Test
    void internalTrafficPolicyLocal() {
        Service local = service("web", "ClusterIP").editSpec().withInternalTrafficPolicy("Local").endSpec().build();
        ServicePortRule rule = only(List.of(local), List.of(slice("web", "web-a", 8080,
                new Ep("10.244.1.5", "node-2", true, true, false))));

        assertThat(rule.clusterEndpoints()).isEmpty();
        assertThat(rule.internalVerdict()).isEqualTo(Verdict.DROP);
    }

    @Test
    void clientIpAffinityWithDefaultAndGivenTimeouts() {
        Service byDefault = service("web", "ClusterIP").editSpec().withSessionAffinity("ClientIP").endSpec().build();
        Service given = service("api", "ClusterIP").editSpec().withSessionAffinity("ClientIP")
                .withNewSessionAffinityConfig().withNewClientIP().withTimeoutSeconds(60).endClientIP()
                .endSessionAffinityConfig().endSpec().build();
        ProxyState state = DesiredState.compute(NODE, List.of(), List.of(byDefault, given), List.of());

        assertThat(state.service("default/web").getFirst().affinitySeconds()).isEqualTo(10800);
        assertThat(state.service("default/api").getFirst().affinitySeconds()).isEqualTo(60);
    }

    @Test
    void headlessAndExternalNameServicesAreNotProxied() {
        Service headless = service("db", "ClusterIP").editSpec().withClusterIP("None").withClusterIPs("None").endSpec().build();
        Service external = new ServiceBuilder().withNewMetadata().withNamespace("default").withName("ext").endMetadata()
                .withNewSpec().withType("ExternalName").withExternalName("example.com").endSpec().build();

        assertThat(DesiredState.compute(NODE, List.of(), List.of(headless, external), List.of()).ports()).isEmpty();
    }

    @Test
    void slicesOfOtherServicesOrPortsDoNotCount() {
        EndpointSlice otherPort = new EndpointSliceBuilder(slice("web", "web-x", 9090, new Ep("10.244.0.8", NODE, true, true, false)))
                .editFirstPort().withName("metrics").endPort().build();
        ServicePortRule rule = only(List.of(service("web", "ClusterIP").build()), List.of(otherPort,
                slice("api", "api-a", 8080, new Ep("10.244.0.9", NODE, true, true, false))));

        assertThat(rule.clusterEndpoints()).isEmpty();
    }
}
