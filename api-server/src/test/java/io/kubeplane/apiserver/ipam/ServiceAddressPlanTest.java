package io.kubeplane.apiserver.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.model.KubernetesJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ServiceAddressPlanTest {

    private static ObjectNode service(String spec) {
        return (ObjectNode) KubernetesJson.JSON.readTree("""
                {"metadata":{"namespace":"default","name":"web","uid":"u-1"},"spec":%s}""".formatted(spec));
    }

    @Test
    void aClusterIpServiceAsksForClusterIpsOnly() {
        ObjectNode request = ServiceAddressPlan.request(service("{\"ports\":[{\"port\":80}]}"), false).orElseThrow();
        assertThat(request.toString()).isEqualTo("""
                {"namespace":"default","name":"web","uid":"u-1","dryRun":false,\
                "clusterIPs":{"ipFamilies":[],"requested":[]},"nodePorts":[]}""");
    }

    @Test
    void aNodePortServiceAsksForANodePortPerPortKeepingTheOnesItNames() {
        ObjectNode request = ServiceAddressPlan.request(service("""
                {"type":"NodePort","clusterIP":"10.96.0.5","clusterIPs":["10.96.0.5"],"ipFamilyPolicy":"SingleStack",
                 "ports":[{"port":80,"protocol":"TCP","nodePort":30080},{"port":53,"protocol":"UDP"}]}"""), true).orElseThrow();
        assertThat(request.path("dryRun").asBoolean()).isTrue();
        assertThat(request.path("clusterIPs").toString())
                .isEqualTo("{\"ipFamilyPolicy\":\"SingleStack\",\"ipFamilies\":[],\"requested\":[\"10.96.0.5\"]}");
        assertThat(request.path("nodePorts").toString()).isEqualTo("""
                [{"index":0,"port":80,"protocol":"TCP","nodePort":30080},{"index":1,"port":53,"protocol":"UDP","nodePort":0}]""");
    }

    @Test
    void headlessAndExternalNameServicesNeedNothing() {
        assertThat(ServiceAddressPlan.request(service("{\"clusterIP\":\"None\",\"ports\":[{\"port\":80}]}"), false)).isEmpty();
        assertThat(ServiceAddressPlan.request(service("{\"type\":\"ExternalName\",\"externalName\":\"example.com\"}"), false))
                .isEmpty();
    }

    @Test
    void aLoadBalancerWithoutNodePortsAsksOnlyForTheOnesItNames() {
        ObjectNode request = ServiceAddressPlan.request(service("""
                {"type":"LoadBalancer","allocateLoadBalancerNodePorts":false,
                 "ports":[{"port":80},{"port":443,"nodePort":31443}]}"""), false).orElseThrow();
        assertThat(request.path("nodePorts").size()).isEqualTo(1);
        assertThat(request.path("nodePorts").get(0).path("index").asInt()).isEqualTo(1);
    }

    @Test
    void theAnswerIsWrittenIntoTheSpec() {
        ObjectNode service = service("{\"type\":\"NodePort\",\"ports\":[{\"port\":80},{\"port\":443}]}");
        ServiceAddressPlan.apply(service, KubernetesJson.JSON.readTree("""
                {"clusterIPs":["10.96.7.7"],"ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack",
                 "nodePorts":[{"index":0,"nodePort":31000},{"index":1,"nodePort":31001}]}"""));
        assertThat(service.path("spec").toString()).isEqualTo("""
                {"type":"NodePort","ports":[{"port":80,"nodePort":31000},{"port":443,"nodePort":31001}],\
                "clusterIP":"10.96.7.7","clusterIPs":["10.96.7.7"],"ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack"}""");
    }

    @Test
    void whatAChangeDropsIsWhatTheOldStateHeldAndTheNewDoesNot() {
        var old = ServiceAddressPlan.held(service("""
                {"type":"NodePort","clusterIP":"10.96.0.5","ports":[{"port":80,"nodePort":30080},{"port":81,"nodePort":30081}]}"""));
        var now = ServiceAddressPlan.held(service("""
                {"type":"NodePort","clusterIP":"10.96.0.5","ports":[{"port":80,"nodePort":30080}]}"""));
        assertThat(old.minus(now)).isEqualTo(new ServiceAddressPlan.Held(java.util.List.of(), java.util.List.of(30081)));
        var headless = ServiceAddressPlan.held(service("{\"clusterIP\":\"None\"}"));
        assertThat(headless.isEmpty()).isTrue();
    }

    @Test
    void aStoredServiceAsksForWhatItHoldsSoAnUnrelatedChangeAsksForTheSame() {
        ObjectNode stored = service("""
                {"type":"NodePort","clusterIP":"10.96.0.5","clusterIPs":["10.96.0.5"],"ipFamilies":["IPv4"],
                 "ipFamilyPolicy":"SingleStack","ports":[{"port":80,"protocol":"TCP","nodePort":30080}]}""");
        ObjectNode relabelled = stored.deepCopy();
        relabelled.withObjectProperty("metadata").putObject("labels").put("tier", "front");
        assertThat(ServiceAddressPlan.request(relabelled, false)).isEqualTo(ServiceAddressPlan.request(stored, false));
        ObjectNode dualStack = stored.deepCopy();
        dualStack.withObjectProperty("spec").put("ipFamilyPolicy", "PreferDualStack");
        assertThat(ServiceAddressPlan.request(dualStack, false)).isNotEqualTo(ServiceAddressPlan.request(stored, false));
    }

    @Test
    void aLocalTrafficLoadBalancerAsksForAHealthCheckNodePortWhichIsHeldAndWrittenBack() {
        ObjectNode local = service("""
                {"type":"LoadBalancer","externalTrafficPolicy":"Local","ports":[{"port":80}]}""");
        assertThat(ServiceAddressPlan.request(local, false).orElseThrow().path("healthCheckNodePort").asInt(-1)).isZero();
        ServiceAddressPlan.apply(local, KubernetesJson.JSON.readTree("""
                {"clusterIPs":[],"nodePorts":[{"index":0,"nodePort":30080}],"healthCheckNodePort":31999}"""));
        assertThat(local.path("spec").path("healthCheckNodePort").asInt()).isEqualTo(31999);
        assertThat(ServiceAddressPlan.request(local, false).orElseThrow().path("healthCheckNodePort").asInt()).isEqualTo(31999);
        assertThat(ServiceAddressPlan.held(local).nodePorts()).containsExactly(30080, 31999);

        ObjectNode cluster = service("""
                {"type":"LoadBalancer","externalTrafficPolicy":"Cluster","ports":[{"port":80}]}""");
        assertThat(ServiceAddressPlan.request(cluster, false).orElseThrow().has("healthCheckNodePort")).isFalse();
    }
}
