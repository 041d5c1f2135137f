package io.kubeplane.model.validation;

import static io.kubeplane.model.validation.FieldError.Type.DUPLICATE;
import static io.kubeplane.model.validation.FieldError.Type.FORBIDDEN;
import static io.kubeplane.model.validation.FieldError.Type.INVALID;
import static io.kubeplane.model.validation.FieldError.Type.NOT_SUPPORTED;
import static io.kubeplane.model.validation.FieldError.Type.REQUIRED;
import static io.kubeplane.model.validation.Fixtures.changed;
import static io.kubeplane.model.validation.Fixtures.error;
import static io.kubeplane.model.validation.Fixtures.typesAndFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import io.kubeplane.model.defaults.Defaulting;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// ClusterIPs from 10.96.0.0/12 and fd00:10:96::/112; NodePorts 30000-32767.
class ServiceValidatorTest {

    private final ServiceValidator validator = new ServiceValidator();

    @ParameterizedTest
    @MethodSource
    void create(Consumer<Service> change, List<Tuple> expected) {
        Service service = changed(Fixtures.service(), change);

        assertThat(typesAndFields(validator.validateCreate(service))).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> create() {
        return Stream.of(
                row("a ClusterIP service with a selector", s -> { }),
                row("a name starting with a digit (not a DNS-1035 label)", s -> s.getMetadata().setName("1web"),
                        error(INVALID, "metadata.name")),
                row("neither name nor generateName", s -> s.getMetadata().setName(null), error(REQUIRED, "metadata.name")),
                row("only a generateName", s -> {
                    s.getMetadata().setName(null);
                    s.getMetadata().setGenerateName("web-");
                }),
                row("no namespace", s -> s.getMetadata().setNamespace(null), error(REQUIRED, "metadata.namespace")),
                row("an unknown type", s -> s.getSpec().setType("Foo"), error(NOT_SUPPORTED, "spec.type")),
                row("no ports", s -> s.getSpec().setPorts(List.of()), error(REQUIRED, "spec.ports")),
                row("a headless service without ports", s -> {
                    s.getSpec().setClusterIP("None");
                    s.getSpec().setPorts(List.of());
                }),
                row("an ExternalName service without ports", s -> {
                    s.getSpec().setType("ExternalName");
                    s.getSpec().setExternalName("db.example.com");
                    s.getSpec().setPorts(List.of());
                }),
                row("port 0", s -> port(s, 0).setPort(0), error(INVALID, "spec.ports[0].port")),
                row("port 65536", s -> port(s, 0).setPort(65536), error(INVALID, "spec.ports[0].port")),
                row("protocol HTTP", s -> port(s, 0).setProtocol("HTTP"), error(NOT_SUPPORTED, "spec.ports[0].protocol")),
                row("two unnamed ports", s -> addPort(s, new ServicePortBuilder().withPort(443).build()),
                        error(REQUIRED, "spec.ports[0].name"), error(REQUIRED, "spec.ports[1].name")),
                row("two ports with the same name", s -> {
                    port(s, 0).setName("http");
                    addPort(s, new ServicePortBuilder().withName("http").withPort(443).build());
                }, error(DUPLICATE, "spec.ports[1].name")),
                row("a port name in upper case", s -> port(s, 0).setName("HTTP"), error(INVALID, "spec.ports[0].name")),
                row("the same port and protocol twice", s -> {
                    port(s, 0).setName("a");
                    addPort(s, new ServicePortBuilder().withName("b").withPort(80).withProtocol("TCP").build());
                }, error(DUPLICATE, "spec.ports[1]")),
                row("the same port over TCP and UDP", s -> {
                    port(s, 0).setName("dns-tcp");
                    addPort(s, new ServicePortBuilder().withName("dns-udp").withPort(80).withProtocol("UDP").build());
                }),
                row("targetPort 0, meaning the port itself", s -> port(s, 0).setTargetPort(new IntOrString(0))),
                row("targetPort 70000", s -> port(s, 0).setTargetPort(new IntOrString(70000)), error(INVALID, "spec.ports[0].targetPort")),
                row("a named targetPort", s -> port(s, 0).setTargetPort(new IntOrString("http"))),
                row("a targetPort name longer than 15 characters", s -> port(s, 0).setTargetPort(new IntOrString("http-metrics-port")),
                        error(INVALID, "spec.ports[0].targetPort")),
                row("a targetPort name with two hyphens in a row", s -> port(s, 0).setTargetPort(new IntOrString("http--alt")),
                        error(INVALID, "spec.ports[0].targetPort")),
                // An empty name part is both empty and not matching the pattern, as Kubernetes reports it.
                row("an appProtocol with an empty name part", s -> port(s, 0).setAppProtocol("h2c/"),
                        error(INVALID, "spec.ports[0].appProtocol"), error(INVALID, "spec.ports[0].appProtocol")),
                row("NodePort on a ClusterIP service", s -> port(s, 0).setNodePort(30080), error(FORBIDDEN, "spec.ports[0].nodePort")),
                row("NodePort on an ExternalName service", s -> {
                    s.getSpec().setType("ExternalName");
                    s.getSpec().setExternalName("db.example.com");
                    port(s, 0).setNodePort(30080);
                }, error(FORBIDDEN, "spec.ports[0].nodePort")),
                row("a NodePort service with a port in range", s -> {
                    s.getSpec().setType("NodePort");
                    port(s, 0).setNodePort(30080);
                }),
                row("a NodePort service without a port (allocated later)", s -> s.getSpec().setType("NodePort")),
                row("a NodePort below the range", s -> {
                    s.getSpec().setType("NodePort");
                    port(s, 0).setNodePort(8080);
                }, error(INVALID, "spec.ports[0].nodePort")),
                row("a NodePort above the range", s -> {
                    s.getSpec().setType("LoadBalancer");
                    port(s, 0).setNodePort(32768);
                }, error(INVALID, "spec.ports[0].nodePort")),
                row("two ports sharing a NodePort", s -> {
                    s.getSpec().setType("NodePort");
                    port(s, 0).setName("http");
                    port(s, 0).setNodePort(30080);
                    addPort(s, new ServicePortBuilder().withName("https").withPort(443).withNodePort(30080).build());
                }, error(DUPLICATE, "spec.ports[1].nodePort")),
                row("a clusterIP that is not an address", s -> s.getSpec().setClusterIP("10.96.0.300"), error(INVALID, "spec.clusterIP")),
                row("a clusterIP chosen by the client", s -> s.getSpec().setClusterIP("10.96.0.10")),
                row("clusterIPs disagreeing with clusterIP", s -> {
                    s.getSpec().setClusterIP("10.96.0.10");
                    s.getSpec().setClusterIPs(List.of("10.96.0.11"));
                }, error(INVALID, "spec.clusterIPs")),
                row("clusterIPs without clusterIP", s -> s.getSpec().setClusterIPs(List.of("10.96.0.10")), error(INVALID, "spec.clusterIPs")),
                row("dual-stack clusterIPs", s -> {
                    s.getSpec().setClusterIP("10.96.0.10");
                    s.getSpec().setClusterIPs(List.of("10.96.0.10", "fd00:10:96::a"));
                    s.getSpec().setIpFamilies(List.of("IPv4", "IPv6"));
                    s.getSpec().setIpFamilyPolicy("RequireDualStack");
                }),
                row("two IPv4 clusterIPs", s -> {
                    s.getSpec().setClusterIP("10.96.0.10");
                    s.getSpec().setClusterIPs(List.of("10.96.0.10", "10.96.0.11"));
                }, error(INVALID, "spec.clusterIPs")),
                row("None followed by an address", s -> {
                    s.getSpec().setClusterIP("None");
                    s.getSpec().setClusterIPs(List.of("None", "10.96.0.11"));
                }, error(INVALID, "spec.clusterIPs")),
                row("an IPv6 clusterIP under an IPv4 family", s -> {
                    s.getSpec().setClusterIP("fd00:10:96::a");
                    s.getSpec().setIpFamilies(List.of("IPv4"));
                }, error(INVALID, "spec.clusterIP")),
                row("an unknown IP family", s -> s.getSpec().setIpFamilies(List.of("IPv5")), error(NOT_SUPPORTED, "spec.ipFamilies[0]")),
                row("the same IP family twice", s -> s.getSpec().setIpFamilies(List.of("IPv4", "IPv4")),
                        error(DUPLICATE, "spec.ipFamilies[1]")),
                row("an unknown ipFamilyPolicy", s -> s.getSpec().setIpFamilyPolicy("DualStack"), error(NOT_SUPPORTED, "spec.ipFamilyPolicy")),
                row("SingleStack with two families", s -> {
                    s.getSpec().setIpFamilyPolicy("SingleStack");
                    s.getSpec().setIpFamilies(List.of("IPv4", "IPv6"));
                }, error(INVALID, "spec.ipFamilyPolicy")),
                row("a headless NodePort service", s -> {
                    s.getSpec().setType("NodePort");
                    s.getSpec().setClusterIP("None");
                }, error(INVALID, "spec.clusterIP")),
                row("ExternalName without externalName", s -> s.getSpec().setType("ExternalName"), error(REQUIRED, "spec.externalName")),
                row("ExternalName with an underscore", s -> {
                    s.getSpec().setType("ExternalName");
                    s.getSpec().setExternalName("my_db.example.com");
                }, error(INVALID, "spec.externalName")),
                row("ExternalName with a trailing dot", s -> {
                    s.getSpec().setType("ExternalName");
                    s.getSpec().setExternalName("db.example.com.");
                }),
                row("ExternalName with a clusterIP and families", s -> {
                    s.getSpec().setType("ExternalName");
                    s.getSpec().setExternalName("db.example.com");
                    s.getSpec().setClusterIP("10.96.0.10");
                    s.getSpec().setIpFamilies(List.of("IPv4"));
                }, error(FORBIDDEN, "spec.clusterIP"), error(FORBIDDEN, "spec.ipFamilies")),
                row("an unknown sessionAffinity", s -> s.getSpec().setSessionAffinity("Cookie"), error(NOT_SUPPORTED, "spec.sessionAffinity")),
                row("ClientIP affinity without a timeout (defaulted)", s -> s.getSpec().setSessionAffinity("ClientIP")),
                row("ClientIP affinity for zero seconds", s -> clientIp(s, 0),
                        error(INVALID, "spec.sessionAffinityConfig.clientIP.timeoutSeconds")),
                row("ClientIP affinity for a day", s -> clientIp(s, 86400)),
                row("ClientIP affinity for a day and a second", s -> clientIp(s, 86401),
                        error(INVALID, "spec.sessionAffinityConfig.clientIP.timeoutSeconds")),
                row("an affinity config with affinity None", s -> {
                    s.getSpec().setSessionAffinity("None");
                    s.getSpec().setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(60)));
                }, error(FORBIDDEN, "spec.sessionAffinityConfig")),
                row("a selector value with a space", s -> s.getSpec().setSelector(java.util.Map.of("app", "web server")),
                        error(INVALID, "spec.selector")),
                row("a selector key with two slashes", s -> s.getSpec().setSelector(java.util.Map.of("a/b/c", "web")),
                        error(INVALID, "spec.selector")),
                row("externalTrafficPolicy on a ClusterIP service", s -> s.getSpec().setExternalTrafficPolicy("Local"),
                        error(INVALID, "spec.externalTrafficPolicy")),
                row("externalTrafficPolicy on a ClusterIP service with external IPs", s -> {
                    s.getSpec().setExternalIPs(List.of("192.168.0.100"));
                    s.getSpec().setExternalTrafficPolicy("Local");
                }),
                row("externalTrafficPolicy Local on a NodePort service", s -> {
                    s.getSpec().setType("NodePort");
                    s.getSpec().setExternalTrafficPolicy("Local");
                }),
                row("an unknown externalTrafficPolicy", s -> {
                    s.getSpec().setType("NodePort");
                    s.getSpec().setExternalTrafficPolicy("Global");
                }, error(NOT_SUPPORTED, "spec.externalTrafficPolicy")),
                row("an unknown internalTrafficPolicy", s -> s.getSpec().setInternalTrafficPolicy("Node"),
                        error(NOT_SUPPORTED, "spec.internalTrafficPolicy")),
                row("a healthCheckNodePort without the Local policy", s -> {
                    s.getSpec().setType("LoadBalancer");
                    s.getSpec().setHealthCheckNodePort(30100);
                }, error(INVALID, "spec.healthCheckNodePort")),
                row("a healthCheckNodePort for a Local LoadBalancer", s -> {
                    s.getSpec().setType("LoadBalancer");
                    s.getSpec().setExternalTrafficPolicy("Local");
                    s.getSpec().setHealthCheckNodePort(30100);
                }),
                row("a loadBalancerIP that is not an address", s -> {
                    s.getSpec().setType("LoadBalancer");
                    s.getSpec().setLoadBalancerIP("lb.example.com");
                }, error(INVALID, "spec.loadBalancerIP")),
                row("a loopback external IP", s -> s.getSpec().setExternalIPs(List.of("127.0.0.1")), error(INVALID, "spec.externalIPs[0]")),
                row("an external IP that is not an address", s -> s.getSpec().setExternalIPs(List.of("192.168.0")),
                        error(INVALID, "spec.externalIPs[0]")),
                row("source ranges on a NodePort service", s -> {
                    s.getSpec().setType("NodePort");
                    s.getSpec().setLoadBalancerSourceRanges(List.of("10.0.0.0/8"));
                }, error(FORBIDDEN, "spec.loadBalancerSourceRanges")),
                row("a source range that is not a CIDR", s -> {
                    s.getSpec().setType("LoadBalancer");
                    s.getSpec().setLoadBalancerSourceRanges(List.of(" 10.0.0.0/8 ", "10.0.0.0/33"));
                }, error(INVALID, "spec.loadBalancerSourceRanges[1]")),
                row("allocateLoadBalancerNodePorts on a ClusterIP service", s -> s.getSpec().setAllocateLoadBalancerNodePorts(false),
                        error(FORBIDDEN, "spec.allocateLoadBalancerNodePorts")),
                row("a loadBalancerClass on a NodePort service", s -> {
                    s.getSpec().setType("NodePort");
                    s.getSpec().setLoadBalancerClass("example.com/lb");
                }, error(FORBIDDEN, "spec.loadBalancerClass")),
                row("an unknown trafficDistribution", s -> s.getSpec().setTrafficDistribution("Nearest"),
                        error(NOT_SUPPORTED, "spec.trafficDistribution")),
                row("several problems at once", s -> {
                    s.getMetadata().setName("Web");
                    s.getSpec().setType("NodePort");
                    port(s, 0).setPort(0);
                    port(s, 0).setNodePort(80);
                    s.getSpec().setSessionAffinity("Sticky");
                }, error(INVALID, "metadata.name"), error(INVALID, "spec.ports[0].port"), error(INVALID, "spec.ports[0].nodePort"),
                        error(NOT_SUPPORTED, "spec.sessionAffinity")));
    }

    @ParameterizedTest
    @MethodSource
    void update(Consumer<Service> change, List<Tuple> expected) {
        Service old = allocated(Fixtures.service());
        Service service = changed(old, change);

        assertThat(typesAndFields(validator.validateUpdate(service, old))).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> update() {
        return Stream.of(
                row("nothing changed", s -> { }),
                row("a selector and a port added", s -> {
                    s.getSpec().getSelector().put("tier", "front");
                    port(s, 0).setName("http");
                    addPort(s, new ServicePortBuilder().withName("https").withPort(443).withProtocol("TCP").build());
                }),
                row("clusterIP changed", s -> {
                    s.getSpec().setClusterIP("10.96.0.11");
                    s.getSpec().setClusterIPs(List.of("10.96.0.11"));
                }, error(INVALID, "spec.clusterIPs[0]")),
                row("clusterIP cleared", s -> {
                    s.getSpec().setClusterIP(null);
                    s.getSpec().setClusterIPs(List.of());
                }, error(INVALID, "spec.clusterIP")),
                row("switched to ExternalName, cluster IP released", s -> {
                    s.getSpec().setType("ExternalName");
                    s.getSpec().setExternalName("db.example.com");
                    s.getSpec().setClusterIP(null);
                    s.getSpec().setClusterIPs(List.of());
                    s.getSpec().setIpFamilies(List.of());
                    s.getSpec().setIpFamilyPolicy(null);
                    s.getSpec().setInternalTrafficPolicy(null);
                }),
                row("switched to NodePort", s -> {
                    s.getSpec().setType("NodePort");
                    port(s, 0).setNodePort(30080);
                }),
                row("a secondary cluster IP added", s -> {
                    s.getSpec().setClusterIPs(List.of("10.96.0.10", "fd00:10:96::a"));
                    s.getSpec().setIpFamilies(List.of("IPv4", "IPv6"));
                    s.getSpec().setIpFamilyPolicy("PreferDualStack");
                }),
                row("the primary IP family changed", s -> s.getSpec().setIpFamilies(List.of("IPv6")),
                        error(INVALID, "spec.ipFamilies[0]"), error(INVALID, "spec.clusterIPs[0]")),
                row("the name changed", s -> s.getMetadata().setName("web2"), error(INVALID, "metadata.name")),
                row("the namespace changed", s -> s.getMetadata().setNamespace("other"), error(INVALID, "metadata.namespace")),
                row("the uid changed", s -> s.getMetadata().setUid("6f1c1b4e-0000-0000-0000-000000000000"), error(INVALID, "metadata.uid")),
                row("the creationTimestamp changed", s -> s.getMetadata().setCreationTimestamp("2030-01-01T00:00:00Z"),
                        error(INVALID, "metadata.creationTimestamp")),
                row("the generation went down", s -> s.getMetadata().setGeneration(0L), error(INVALID, "metadata.generation")),
                row("an invalid port in an otherwise allowed change", s -> port(s, 0).setPort(0), error(INVALID, "spec.ports[0].port")));
    }

    @Test
    void externalNameServicesMayBecomeClusterIpServices() {
        Service old = allocated(changed(Fixtures.service(), s -> {
            s.getSpec().setType("ExternalName");
            s.getSpec().setExternalName("db.example.com");
        }));
        Service service = allocated(Fixtures.service());

        assertThat(validator.validateUpdate(service, old)).isEmpty();
    }

    @Test
    void releasingTheSecondaryClusterIpNeedsSingleStack() {
        Service old = changed(allocated(Fixtures.service()), s -> {
            s.getSpec().setClusterIPs(List.of("10.96.0.10", "fd00:10:96::a"));
            s.getSpec().setIpFamilies(List.of("IPv4", "IPv6"));
            s.getSpec().setIpFamilyPolicy("RequireDualStack");
        });
        Service service = changed(old, s -> {
            s.getSpec().setClusterIPs(List.of("10.96.0.10"));
            s.getSpec().setIpFamilies(List.of("IPv4"));
        });

        assertThat(typesAndFields(validator.validateUpdate(service, old)))
                .containsExactly(error(INVALID, "spec.ipFamilyPolicy"), error(INVALID, "spec.ipFamilyPolicy"));
        assertThat(validator.validateUpdate(changed(service, s -> s.getSpec().setIpFamilyPolicy("SingleStack")), old)).isEmpty();
    }

    @Test
    void theLoadBalancerClassIsFixedOnceSet() {
        Service old = allocated(changed(Fixtures.service(), s -> {
            s.getSpec().setType("LoadBalancer");
            s.getSpec().setLoadBalancerClass("example.com/metallb");
        }));
        Service service = changed(old, s -> s.getSpec().setLoadBalancerClass("example.com/other"));

        assertThat(typesAndFields(validator.validateUpdate(service, old))).containsExactly(error(INVALID, "spec.loadBalancerClass"));
    }

    @ParameterizedTest
    @MethodSource
    void statusUpdate(Consumer<Service> change, List<Tuple> expected) {
        Service old = allocated(changed(Fixtures.service(), s -> s.getSpec().setType("LoadBalancer")));
        Service service = changed(old, change);

        assertThat(typesAndFields(validator.validateStatusUpdate(service, old))).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> statusUpdate() {
        return Stream.of(
                row("an ingress IP in VIP mode", s -> ingress(s, "127.0.0.240", "VIP", null)),
                row("an ingress hostname", s -> ingress(s, null, null, "lb.example.com")),
                row("an ingress IP that is not an address", s -> ingress(s, "127.0.0.300", "VIP", null),
                        error(INVALID, "status.loadBalancer.ingress[0].ip")),
                row("an ingress hostname that is an IP", s -> ingress(s, null, null, "10.0.0.1"),
                        error(INVALID, "status.loadBalancer.ingress[0].hostname")),
                row("an ipMode without an IP", s -> ingress(s, null, "Proxy", "lb.example.com"),
                        error(FORBIDDEN, "status.loadBalancer.ingress[0].ipMode")),
                row("an unknown ipMode", s -> ingress(s, "127.0.0.240", "DSR", null),
                        error(NOT_SUPPORTED, "status.loadBalancer.ingress[0].ipMode")),
                row("an ingress on a ClusterIP service", s -> {
                    s.getSpec().setType("ClusterIP");
                    ingress(s, "127.0.0.240", "VIP", null);
                }, error(FORBIDDEN, "status.loadBalancer.ingress")));
    }

    @Test
    void theNodePortRangeIsAParameter() {
        ServiceValidator narrow = new ServiceValidator(new PortRange(31000, 31999));
        Service service = changed(Fixtures.service(), s -> {
            s.getSpec().setType("NodePort");
            port(s, 0).setNodePort(30080);
        });

        assertThat(narrow.validateCreate(service)).singleElement().extracting(FieldError::message).isEqualTo(
                "spec.ports[0].nodePort: Invalid value: 30080: provided port is not in the valid range. "
                        + "The range of valid ports is 31000-31999");
        assertThat(validator.validateCreate(service)).isEmpty();
    }

    @Test
    void messagesReadAsKubernetesPrintsThem() {
        Service service = changed(Fixtures.service(), s -> {
            s.getSpec().setType("Foo");
            port(s, 0).setPort(0);
            port(s, 0).setNodePort(30080);
        });

        assertThat(validator.validateCreate(service)).extracting(FieldError::message).containsExactlyInAnyOrder(
                "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                "spec.type: Unsupported value: \"Foo\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"");
        assertThat(validator.validateCreate(changed(Fixtures.service(), s -> port(s, 0).setNodePort(30080))))
                .extracting(FieldError::message)
                .containsExactly("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
    }

    @Test
    void theServiceIsNotChanged() {
        Service service = Fixtures.service();
        Service copy = changed(service, s -> { });

        validator.validateCreate(service);

        assertThat(service).isEqualTo(copy);
    }

    /** The service as stored after defaulting and allocation. */
    static Service allocated(Service service) {
        Service result = Defaulting.apply(changed(service, s -> {
            s.getMetadata().setUid("0b0a5d3e-6f1c-4c6a-9d55-3f5e2b8c1a01");
            s.getMetadata().setCreationTimestamp("2025-01-01T00:00:00Z");
            s.getMetadata().setResourceVersion("1");
            s.getMetadata().setGeneration(1L);
            if (!"ExternalName".equals(s.getSpec().getType())) {
                s.getSpec().setClusterIP("10.96.0.10");
                s.getSpec().setIpFamilies(new ArrayList<>(List.of("IPv4")));
                s.getSpec().setIpFamilyPolicy("SingleStack");
            }
        }));
        return result;
    }

    private static ServicePort port(Service service, int index) {
        return service.getSpec().getPorts().get(index);
    }

    private static void addPort(Service service, ServicePort port) {
        List<ServicePort> ports = new ArrayList<>(service.getSpec().getPorts());
        ports.add(port);
        service.getSpec().setPorts(ports);
    }

    private static void clientIp(Service service, int timeoutSeconds) {
        service.getSpec().setSessionAffinity("ClientIP");
        service.getSpec().setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(timeoutSeconds)));
    }

    private static void ingress(Service service, String ip, String ipMode, String hostname) {
        ServiceStatus status = new ServiceStatus();
        status.setLoadBalancer(new LoadBalancerStatus(List.of(
                new LoadBalancerIngressBuilder().withIp(ip).withIpMode(ipMode).withHostname(hostname).build())));
        service.setStatus(status);
    }

    private static Arguments row(String situation, Consumer<Service> change, Tuple... expected) {
        return Fixtures.row(situation, change, expected);
    }
}
