package io.kubeplane.model.defaults;

import static io.kubeplane.model.validation.Fixtures.changed;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.kubeplane.model.KubernetesJson;
import io.kubeplane.model.validation.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DefaultingTest {

    static Stream<Named<HasMetadata>> every() {
        return Fixtures.all().stream();
    }

    @ParameterizedTest
    @MethodSource("every")
    void applyingTwiceChangesNothingMore(HasMetadata obj) {
        HasMetadata once = Defaulting.apply(KubernetesJson.deepCopy(obj));
        HasMetadata twice = Defaulting.apply(KubernetesJson.deepCopy(once));

        assertThat(KubernetesJson.toTree(twice)).isEqualTo(KubernetesJson.toTree(once));
    }

    @ParameterizedTest
    @MethodSource("every")
    void theSameObjectIsReturned(HasMetadata obj) {
        assertThat(Defaulting.apply(obj)).isSameAs(obj);
    }

    @Test
    void aServiceGetsKubernetesDefaults() {
        Service service = Defaulting.apply(Fixtures.service());

        assertThat(KubernetesJson.toTree(service.getSpec())).isEqualTo(KubernetesJson.read("""
                {"selector":{"app":"web"},"ports":[{"port":80,"protocol":"TCP","targetPort":8080}],
                 "type":"ClusterIP","sessionAffinity":"None","internalTrafficPolicy":"Cluster"}""",
                tools.jackson.databind.JsonNode.class));
    }

    @ParameterizedTest
    @MethodSource
    void serviceDefaults(Service service, String field, Object expected) {
        Defaulting.apply(service);

        assertThat(KubernetesJson.toTree(service).at(field)).isEqualTo(KubernetesJson.toTree(expected));
    }

    static Stream<Arguments> serviceDefaults() {
        return Stream.of(
                row("targetPort copies port when unset", svc(s -> s.getSpec().getPorts().getFirst().setTargetPort(null)),
                        "/spec/ports/0/targetPort", 80),
                row("targetPort 0 copies port", svc(s -> s.getSpec().getPorts().getFirst().setTargetPort(new IntOrString(0))),
                        "/spec/ports/0/targetPort", 80),
                row("a named targetPort stays", svc(s -> s.getSpec().getPorts().getFirst().setTargetPort(new IntOrString("http"))),
                        "/spec/ports/0/targetPort", "http"),
                row("a UDP port stays UDP", svc(s -> s.getSpec().setPorts(List.of(new ServicePortBuilder().withPort(53).withProtocol("UDP").build()))),
                        "/spec/ports/0/protocol", "UDP"),
                row("ClientIP affinity lasts three hours", svc(s -> s.getSpec().setSessionAffinity("ClientIP")),
                        "/spec/sessionAffinityConfig/clientIP/timeoutSeconds", 10800),
                row("a chosen ClientIP timeout stays", svc(s -> {
                    s.getSpec().setSessionAffinity("ClientIP");
                    s.getSpec().setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(60)));
                }), "/spec/sessionAffinityConfig/clientIP/timeoutSeconds", 60),
                row("NodePort services police external traffic per cluster", svc(s -> s.getSpec().setType("NodePort")),
                        "/spec/externalTrafficPolicy", "Cluster"),
                row("LoadBalancers allocate NodePorts", svc(s -> s.getSpec().setType("LoadBalancer")),
                        "/spec/allocateLoadBalancerNodePorts", true),
                row("a LoadBalancer keeps allocateLoadBalancerNodePorts false", svc(s -> {
                    s.getSpec().setType("LoadBalancer");
                    s.getSpec().setAllocateLoadBalancerNodePorts(false);
                }), "/spec/allocateLoadBalancerNodePorts", false),
                row("LoadBalancer ingress IPs are VIPs", svc(s -> {
                    s.getSpec().setType("LoadBalancer");
                    ServiceStatus status = new ServiceStatus();
                    status.setLoadBalancer(new LoadBalancerStatus(List.of(new LoadBalancerIngressBuilder().withIp("127.0.0.240").build())));
                    s.setStatus(status);
                }), "/status/loadBalancer/ingress/0/ipMode", "VIP"),
                row("a singular clusterIP fills clusterIPs", svc(s -> s.getSpec().setClusterIP("10.96.0.10")),
                        "/spec/clusterIPs", List.of("10.96.0.10")),
                row("a headless service stays headless", svc(s -> s.getSpec().setClusterIP("None")),
                        "/spec/clusterIPs", List.of("None")));
    }

    @Test
    void externalNameServicesGetNoTrafficPolicies() {
        Service service = Defaulting.apply(changed(Fixtures.service(), s -> {
            s.getSpec().setType("ExternalName");
            s.getSpec().setExternalName("db.example.com");
        }));

        assertThat(service.getSpec().getInternalTrafficPolicy()).isNull();
        assertThat(service.getSpec().getExternalTrafficPolicy()).isNull();
    }

    @Test
    void sessionAffinityNoneDropsItsConfig() {
        Service service = Defaulting.apply(changed(Fixtures.service(),
                s -> s.getSpec().setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(60)))));

        assertThat(service.getSpec().getSessionAffinityConfig()).isNull();
    }

    @Test
    void aPodGetsKubernetesDefaults() {
        Pod pod = Defaulting.apply(Fixtures.pod());

        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Always");
        assertThat(pod.getSpec().getDnsPolicy()).isEqualTo("ClusterFirst");
        assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(30L);
        assertThat(pod.getSpec().getSchedulerName()).isEqualTo("default-scheduler");
        assertThat(pod.getSpec().getSecurityContext()).isEqualTo(new PodSecurityContext());
        assertThat(pod.getSpec().getEnableServiceLinks()).isTrue();
        Container container = pod.getSpec().getContainers().getFirst();
        assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(container.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
        assertThat(container.getTerminationMessagePolicy()).isEqualTo("File");
        assertThat(container.getPorts().getFirst().getProtocol()).isEqualTo("TCP");
        assertThat(container.getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTP");
        assertThat(container.getReadinessProbe().getPeriodSeconds()).isEqualTo(10);
        assertThat(container.getReadinessProbe().getTimeoutSeconds()).isEqualTo(1);
        assertThat(container.getReadinessProbe().getSuccessThreshold()).isEqualTo(1);
        assertThat(container.getReadinessProbe().getFailureThreshold()).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource
    void pullPolicyFollowsTheImageTag(String image, String policy) {
        Pod pod = Defaulting.apply(changed(Fixtures.pod(), p -> p.getSpec().getContainers().getFirst().setImage(image)));

        assertThat(pod.getSpec().getContainers().getFirst().getImagePullPolicy()).isEqualTo(policy);
    }

    static Stream<Arguments> pullPolicyFollowsTheImageTag() {
        return Stream.of(
                Arguments.of(Named.of("no tag", "nginx"), "Always"),
                Arguments.of(Named.of("the latest tag", "nginx:latest"), "Always"),
                Arguments.of(Named.of("a version tag", "nginx:1.27"), "IfNotPresent"),
                Arguments.of(Named.of("a registry port, no tag", "registry.local:5000/team/web"), "Always"),
                Arguments.of(Named.of("a registry port and a tag", "registry.local:5000/team/web:v2"), "IfNotPresent"),
                Arguments.of(Named.of("a digest only", "nginx@sha256:0123456789abcdef"), "IfNotPresent"));
    }

    @Test
    void podDefaultsKeepWhatIsSet() {
        Pod pod = Defaulting.apply(changed(Fixtures.pod(), p -> {
            p.getSpec().setRestartPolicy("Never");
            p.getSpec().setEnableServiceLinks(false);
            p.getSpec().getContainers().getFirst().setImagePullPolicy("Never");
            p.getSpec().getContainers().getFirst().getPorts().getFirst().setProtocol("UDP");
        }));

        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getEnableServiceLinks()).isFalse();
        assertThat(pod.getSpec().getContainers().getFirst().getImagePullPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getContainers().getFirst().getPorts().getFirst().getProtocol()).isEqualTo("UDP");
    }

    @Test
    void podsOnlyRequestWhatTheyLimitAndHostNetworkPodsUseHostPorts() {
        Pod pod = Defaulting.apply(changed(Fixtures.pod(), p -> {
            p.getSpec().setHostNetwork(true);
            p.getSpec().getContainers().getFirst().setResources(new ResourceRequirementsBuilder()
                    .addToLimits("cpu", new Quantity("500m")).addToRequests("memory", new Quantity("64Mi")).build());
            p.getSpec().setVolumes(List.of(new VolumeBuilder().withName("scratch").build()));
        }));

        Container container = pod.getSpec().getContainers().getFirst();
        assertThat(container.getResources().getRequests())
                .containsEntry("cpu", new Quantity("500m")).containsEntry("memory", new Quantity("64Mi"));
        assertThat(container.getPorts().getFirst().getHostPort()).isEqualTo(8080);
        assertThat(pod.getSpec().getVolumes().getFirst().getEmptyDir()).isNotNull();
    }

    @Test
    void aDeploymentGetsKubernetesDefaults() {
        Deployment deployment = Defaulting.apply(changed(Fixtures.deployment(), d -> d.getSpec().setReplicas(null)));

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        DeploymentStrategy strategy = deployment.getSpec().getStrategy();
        assertThat(strategy.getType()).isEqualTo("RollingUpdate");
        assertThat(strategy.getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString("25%"));
        assertThat(strategy.getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString("25%"));
        assertThat(deployment.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
        assertThat(deployment.getSpec().getProgressDeadlineSeconds()).isEqualTo(600);
        assertThat(deployment.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Always");
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getPorts().getFirst().getProtocol())
                .isEqualTo("TCP");
        // Service links are a Pod default, not a template one, as in Kubernetes.
        assertThat(deployment.getSpec().getTemplate().getSpec().getEnableServiceLinks()).isNull();
    }

    @Test
    void aRecreateDeploymentGetsNoRollingUpdateParameters() {
        Deployment deployment = Defaulting.apply(changed(Fixtures.deployment(), d -> {
            DeploymentStrategy strategy = new DeploymentStrategy();
            strategy.setType("Recreate");
            d.getSpec().setStrategy(strategy);
        }));

        assertThat(deployment.getSpec().getStrategy().getRollingUpdate()).isNull();
    }

    @Test
    void endpointPortsAreTcp() {
        Endpoints endpoints = Defaulting.apply(changed(Fixtures.endpoints(), e -> e.getSubsets().getFirst().getPorts().getFirst().setProtocol(null)));
        EndpointSlice slice = Defaulting.apply(changed(Fixtures.endpointSlice(), s -> {
            s.getPorts().getFirst().setProtocol(null);
            s.getPorts().getFirst().setName(null);
        }));

        assertThat(endpoints.getSubsets().getFirst().getPorts().getFirst().getProtocol()).isEqualTo("TCP");
        assertThat(slice.getPorts().getFirst().getProtocol()).isEqualTo("TCP");
        assertThat(slice.getPorts().getFirst().getName()).isEmpty();
    }

    @Test
    void aNamespaceGetsItsNameLabelFinalizerAndPhase() {
        Namespace namespace = Defaulting.apply(Fixtures.namespace());

        assertThat(namespace.getMetadata().getLabels()).containsEntry("kubernetes.io/metadata.name", "team-a");
        assertThat(namespace.getSpec().getFinalizers()).containsExactly("kubernetes");
        assertThat(namespace.getStatus().getPhase()).isEqualTo("Active");
    }

    @Test
    void aNamespaceBeingDeletedIsNotGivenItsFinalizerBack() {
        // The namespace controller removes "kubernetes" once the namespace is empty; re-adding it would block deletion.
        Namespace namespace = Defaulting.apply(changed(Fixtures.namespace(), n -> {
            n.getMetadata().setDeletionTimestamp("2025-01-01T00:00:00Z");
            n.setSpec(new io.fabric8.kubernetes.api.model.NamespaceSpec(List.of()));
            n.setStatus(new io.fabric8.kubernetes.api.model.NamespaceStatus(List.of(), "Terminating"));
        }));

        assertThat(namespace.getSpec().getFinalizers()).isEmpty();
        assertThat(namespace.getStatus().getPhase()).isEqualTo("Terminating");
    }

    @Test
    void aNodeWithoutAllocatableAllocatesItsCapacity() {
        var node = Defaulting.apply(changed(Fixtures.node(), n -> {
            NodeStatus status = new NodeStatus();
            status.setCapacity(Map.of("cpu", new Quantity("4"), "pods", new Quantity("110")));
            n.setStatus(status);
        }));

        assertThat(node.getStatus().getAllocatable()).containsEntry("cpu", new Quantity("4")).containsEntry("pods", new Quantity("110"));
    }

    @Test
    void eventsHaveNoDefaults() {
        var event = Fixtures.event();
        var before = KubernetesJson.toTree(event);

        assertThat(KubernetesJson.toTree(Defaulting.apply(event))).isEqualTo(before);
    }

    private static Service svc(java.util.function.Consumer<Service> change) {
        return changed(Fixtures.service(), change);
    }

    private static Arguments row(String situation, Service service, String field, Object expected) {
        return Arguments.of(Named.of(situation, service), field, expected);
    }
}
