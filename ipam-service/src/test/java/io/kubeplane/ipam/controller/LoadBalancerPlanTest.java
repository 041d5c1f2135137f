package io.kubeplane.ipam.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadBalancerPlanTest {

    private static final List<String> POOLS = List.of("public", "default", "tiny");

    private static ServiceBuilder service(String type) {
        return new ServiceBuilder().withNewMetadata().withNamespace("ns").withName("web").withUid("u1").endMetadata()
                .withNewSpec().withType(type).endSpec();
    }

    @Test
    void onlyLoadBalancersOfNoClassOrKubeplanesClassAreServed() {
        assertThat(LoadBalancerPlan.of(service("ClusterIP").build(), POOLS)).isInstanceOf(LoadBalancerPlan.NotWanted.class);
        assertThat(LoadBalancerPlan.of(service("NodePort").build(), POOLS)).isInstanceOf(LoadBalancerPlan.NotWanted.class);
        assertThat(LoadBalancerPlan.of(service("LoadBalancer").editSpec().withLoadBalancerClass("example.com/cloud")
                .endSpec().build(), POOLS)).isInstanceOf(LoadBalancerPlan.NotWanted.class);
        assertThat(LoadBalancerPlan.of(service("LoadBalancer").editSpec().withLoadBalancerClass(LoadBalancerPlan.CLASS)
                .endSpec().build(), POOLS)).isEqualTo(new LoadBalancerPlan.Wanted("default", ""));
    }

    @Test
    void thePoolIsTheAnnotatedOneElseDefaultElseTheFirst() {
        assertThat(LoadBalancerPlan.of(service("LoadBalancer").build(), POOLS)).isEqualTo(new LoadBalancerPlan.Wanted("default", ""));
        assertThat(LoadBalancerPlan.of(service("LoadBalancer").build(), List.of("public", "tiny")))
                .isEqualTo(new LoadBalancerPlan.Wanted("public", ""));
        Service annotated = service("LoadBalancer").editMetadata().addToAnnotations(LoadBalancerPlan.POOL_ANNOTATION, "tiny")
                .endMetadata().editSpec().withLoadBalancerIP(" 127.0.101.1 ").endSpec().build();
        assertThat(LoadBalancerPlan.of(annotated, POOLS)).isEqualTo(new LoadBalancerPlan.Wanted("tiny", "127.0.101.1"));
    }

    @Test
    void anUnknownPoolOrNoPoolAtAllCannotBeServedAndSaysWhy() {
        Service annotated = service("LoadBalancer").editMetadata().addToAnnotations(LoadBalancerPlan.POOL_ANNOTATION, "nope")
                .endMetadata().build();
        assertThat(LoadBalancerPlan.of(annotated, POOLS)).isEqualTo(new LoadBalancerPlan.Unservable(
                "the pool \"nope\" named by kubeplane.io/load-balancer-pool does not exist; pools: public, default, tiny"));
        assertThat(LoadBalancerPlan.of(service("LoadBalancer").build(), List.of()))
                .isInstanceOf(LoadBalancerPlan.Unservable.class);
    }

    @Test
    void aHeldIpServesWhileItIsInThePlannedPoolAndIsTheRequestedOne() {
        Set<String> ranges = Set.of("load-balancer-ips:127.0.100.0/24");
        LoadBalancerPlan.Wanted any = new LoadBalancerPlan.Wanted("default", "");
        LoadBalancerPlan.Wanted fixed = new LoadBalancerPlan.Wanted("default", "127.0.100.9");
        assertThat(LoadBalancerPlan.stillServes(any, "127.0.100.1", "load-balancer-ips:127.0.100.0/24", ranges)).isTrue();
        assertThat(LoadBalancerPlan.stillServes(any, "127.0.101.1", "load-balancer-ips:127.0.101.0/30", ranges)).isFalse();
        assertThat(LoadBalancerPlan.stillServes(fixed, "127.0.100.1", "load-balancer-ips:127.0.100.0/24", ranges)).isFalse();
        assertThat(LoadBalancerPlan.stillServes(fixed, "127.0.100.9", "load-balancer-ips:127.0.100.0/24", ranges)).isTrue();
    }

    @Test
    void ingressIpsAreReadFromTheStatus() {
        assertThat(LoadBalancerPlan.ingressIps(service("LoadBalancer").build())).isEmpty();
        assertThat(LoadBalancerPlan.ingressIps(service("LoadBalancer").withNewStatus().withNewLoadBalancer()
                .addNewIngress().withIp("127.0.100.3").endIngress().addNewIngress().withHostname("lb.example").endIngress()
                .endLoadBalancer().endStatus().build())).containsExactly("127.0.100.3");
    }
}
