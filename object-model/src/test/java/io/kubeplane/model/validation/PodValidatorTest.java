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

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.ExecActionBuilder;
import io.fabric8.kubernetes.api.model.GRPCActionBuilder;
import io.fabric8.kubernetes.api.model.HostIPBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.TCPSocketActionBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.kubeplane.model.defaults.Defaulting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Pods from 10.244.0.0/16 and fd00:10:244::/64; nodes 192.168.0.0/24.
class PodValidatorTest {

    private final PodValidator validator = new PodValidator();

    @ParameterizedTest
    @MethodSource
    void create(Consumer<Pod> change, List<Tuple> expected) {
        Pod pod = changed(Fixtures.pod(), change);

        assertThat(typesAndFields(validator.validateCreate(pod))).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> create() {
        return Stream.of(
                row("one container with a named port and a readiness probe", p -> { }),
                row("no containers", p -> p.getSpec().setContainers(List.of()), error(REQUIRED, "spec.containers")),
                row("a container without a name", p -> container(p, 0).setName(null), error(REQUIRED, "spec.containers[0].name")),
                row("a container name with upper case", p -> container(p, 0).setName("Nginx"), error(INVALID, "spec.containers[0].name")),
                row("two containers with the same name", p -> addContainer(p, new ContainerBuilder().withName("nginx").withImage("busybox").build()),
                        error(DUPLICATE, "spec.containers[1].name")),
                row("an init container named as a container", p -> p.getSpec().setInitContainers(List.of(
                        new ContainerBuilder().withName("nginx").withImage("busybox").build())),
                        error(DUPLICATE, "spec.containers[0].name")),
                row("no image", p -> container(p, 0).setImage(""), error(REQUIRED, "spec.containers[0].image")),
                row("an image with a trailing space", p -> container(p, 0).setImage("nginx "), error(INVALID, "spec.containers[0].image")),
                row("container port 0", p -> port(p, 0).setContainerPort(0), error(REQUIRED, "spec.containers[0].ports[0].containerPort")),
                row("container port 70000", p -> port(p, 0).setContainerPort(70000), error(INVALID, "spec.containers[0].ports[0].containerPort")),
                row("host port 70000", p -> port(p, 0).setHostPort(70000), error(INVALID, "spec.containers[0].ports[0].hostPort")),
                row("port protocol ICMP", p -> port(p, 0).setProtocol("ICMP"), error(NOT_SUPPORTED, "spec.containers[0].ports[0].protocol")),
                row("a port name that is not an IANA service name", p -> port(p, 0).setName("8080"),
                        error(INVALID, "spec.containers[0].ports[0].name")),
                row("two ports with the same name", p -> addPort(p, new ContainerPortBuilder().withName("http").withContainerPort(8443).build()),
                        error(DUPLICATE, "spec.containers[0].ports[1].name")),
                row("an unknown restartPolicy", p -> p.getSpec().setRestartPolicy("Sometimes"), error(NOT_SUPPORTED, "spec.restartPolicy")),
                row("restartPolicy Never", p -> p.getSpec().setRestartPolicy("Never")),
                row("an unknown dnsPolicy", p -> p.getSpec().setDnsPolicy("Google"), error(NOT_SUPPORTED, "spec.dnsPolicy")),
                row("an unknown imagePullPolicy", p -> container(p, 0).setImagePullPolicy("Sometimes"),
                        error(NOT_SUPPORTED, "spec.containers[0].imagePullPolicy")),
                row("a node name with an underscore", p -> p.getSpec().setNodeName("node_1"), error(INVALID, "spec.nodeName")),
                row("a node name", p -> p.getSpec().setNodeName("node-1.example.com")),
                row("activeDeadlineSeconds 0", p -> p.getSpec().setActiveDeadlineSeconds(0L), error(INVALID, "spec.activeDeadlineSeconds")),
                row("a probe with two handlers", p -> container(p, 0).getReadinessProbe()
                        .setTcpSocket(new TCPSocketActionBuilder().withPort(new IntOrString(8080)).build()),
                        error(FORBIDDEN, "spec.containers[0].readinessProbe.tcpSocket")),
                row("a probe with no handler", p -> container(p, 0).setLivenessProbe(new ProbeBuilder().withPeriodSeconds(5).build()),
                        error(REQUIRED, "spec.containers[0].livenessProbe")),
                row("an exec probe without a command", p -> container(p, 0).setLivenessProbe(new ProbeBuilder()
                        .withExec(new ExecActionBuilder().build()).build()), error(REQUIRED, "spec.containers[0].livenessProbe.exec.command")),
                row("a probe on a port name that is not a port name", p -> container(p, 0).getReadinessProbe().getHttpGet()
                        .setPort(new IntOrString("http_alt")), error(INVALID, "spec.containers[0].readinessProbe.httpGet.port")),
                row("an HTTP probe with scheme FTP", p -> container(p, 0).getReadinessProbe().getHttpGet().setScheme("FTP"),
                        error(NOT_SUPPORTED, "spec.containers[0].readinessProbe.httpGet.scheme")),
                row("a gRPC probe on port 0", p -> container(p, 0).setStartupProbe(new ProbeBuilder()
                        .withGrpc(new GRPCActionBuilder().withPort(0).build()).build()),
                        error(INVALID, "spec.containers[0].startupProbe.grpc.port")),
                row("a liveness probe needing two successes", p -> container(p, 0).setLivenessProbe(new ProbeBuilder()
                        .withTcpSocket(new TCPSocketActionBuilder().withPort(new IntOrString(8080)).build()).withSuccessThreshold(2).build()),
                        error(INVALID, "spec.containers[0].livenessProbe.successThreshold")),
                row("a negative probe period", p -> container(p, 0).getReadinessProbe().setPeriodSeconds(-1),
                        error(INVALID, "spec.containers[0].readinessProbe.periodSeconds")),
                row("a readiness probe on an init container", p -> p.getSpec().setInitContainers(List.of(new ContainerBuilder()
                        .withName("init").withImage("busybox").withReadinessProbe(container(p, 0).getReadinessProbe()).build())),
                        error(FORBIDDEN, "spec.initContainers[0].readinessProbe")),
                row("a toleration with an unknown effect", p -> p.getSpec().setTolerations(List.of(new TolerationBuilder()
                        .withKey("dedicated").withOperator("Equal").withValue("web").withEffect("NoRun").build())),
                        error(NOT_SUPPORTED, "spec.tolerations[0].effect")),
                row("a toleration matching everything", p -> p.getSpec().setTolerations(List.of(new TolerationBuilder()
                        .withOperator("Exists").build()))),
                row("a volume without a name", p -> p.getSpec().setVolumes(List.of(new VolumeBuilder().withNewEmptyDir().endEmptyDir().build())),
                        error(REQUIRED, "spec.volumes[0].name")),
                row("a node selector with a bad value", p -> p.getSpec().setNodeSelector(Map.of("zone", "eu west")),
                        error(INVALID, "spec.nodeSelector")));
    }

    @ParameterizedTest
    @MethodSource
    void update(Consumer<Pod> change, List<Tuple> expected) {
        Pod old = stored(Fixtures.pod());
        Pod pod = changed(old, change);

        assertThat(typesAndFields(validator.validateUpdate(pod, old))).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> update() {
        return Stream.of(
                row("labels changed", p -> p.getMetadata().getLabels().put("version", "2")),
                row("the image changed", p -> container(p, 0).setImage("nginx:1.28")),
                row("an activeDeadlineSeconds set", p -> p.getSpec().setActiveDeadlineSeconds(600L)),
                row("a toleration added", p -> p.getSpec().setTolerations(List.of(toleration(300L)))),
                row("the node changed", p -> p.getSpec().setNodeName("node-2"), error(FORBIDDEN, "spec")),
                row("a container port changed", p -> port(p, 0).setContainerPort(9090), error(FORBIDDEN, "spec")),
                row("a container added", p -> addContainer(p, new ContainerBuilder().withName("sidecar").withImage("envoy").build()),
                        error(FORBIDDEN, "spec.containers")),
                row("the image cleared", p -> container(p, 0).setImage(""), error(REQUIRED, "spec.containers[0].image")),
                row("the name changed", p -> p.getMetadata().setName("web-1"), error(INVALID, "metadata.name")));
    }

    @Test
    void activeDeadlineSecondsMayOnlyShorten() {
        Pod old = stored(changed(Fixtures.pod(), p -> p.getSpec().setActiveDeadlineSeconds(600L)));

        assertThat(validator.validateUpdate(changed(old, p -> p.getSpec().setActiveDeadlineSeconds(300L)), old)).isEmpty();
        assertThat(validator.validateUpdate(changed(old, p -> p.getSpec().setActiveDeadlineSeconds(900L)), old))
                .extracting(FieldError::message)
                .containsExactly("spec.activeDeadlineSeconds: Invalid value: 900: must be less than or equal to previous value");
        assertThat(validator.validateUpdate(changed(old, p -> p.getSpec().setActiveDeadlineSeconds(null)), old))
                .extracting(FieldError::type, FieldError::field).containsExactly(Tuple.tuple(INVALID, "spec.activeDeadlineSeconds"));
    }

    @Test
    void existingTolerationsStayButTheirSecondsMayChange() {
        Pod old = stored(changed(Fixtures.pod(), p -> p.getSpec().setTolerations(List.of(toleration(300L)))));

        assertThat(validator.validateUpdate(changed(old, p -> p.getSpec().setTolerations(List.of(toleration(60L)))), old)).isEmpty();
        assertThat(validator.validateUpdate(changed(old, p -> p.getSpec().setTolerations(List.of())), old))
                .extracting(FieldError::message)
                .containsExactly("spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds");
    }

    @Test
    void aForbiddenSpecChangeNamesTheUpdatableFieldsAndWhatChanged() {
        Pod old = stored(Fixtures.pod());
        Pod pod = changed(old, p -> p.getSpec().setNodeName("node-2"));

        assertThat(validator.validateUpdate(pod, old)).singleElement().extracting(FieldError::message).isEqualTo(
                "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"
                        + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to "
                        + "existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was "
                        + "previously negative)\n  spec.nodeName: null -> \"node-2\"");
    }

    @ParameterizedTest
    @MethodSource
    void statusUpdate(Consumer<Pod> change, List<Tuple> expected) {
        Pod old = stored(changed(Fixtures.pod(), p -> p.getSpec().setNodeName("node-1")));
        Pod pod = changed(old, change);

        assertThat(typesAndFields(validator.validateStatusUpdate(pod, old))).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> statusUpdate() {
        return Stream.of(
                row("a pod IP assigned", p -> status(p, "10.244.1.5", "10.244.1.5")),
                row("dual-stack pod IPs", p -> status(p, "10.244.1.5", "10.244.1.5", "fd00:10:244:1::5")),
                row("a pod IP that is not an address", p -> status(p, "10.244.1", "10.244.1"),
                        error(INVALID, "status.podIP"), error(INVALID, "status.podIPs[0]")),
                row("two pod IPs of one family", p -> status(p, "10.244.1.5", "10.244.1.5", "10.244.1.6"), error(INVALID, "status.podIPs")),
                row("podIP not the first of podIPs", p -> status(p, "10.244.1.6", "10.244.1.5"), error(INVALID, "status.podIP")),
                row("the node changed", p -> p.getSpec().setNodeName("node-2"), error(FORBIDDEN, "status.nodeName")));
    }

    /** The pod as stored: defaulted, with server-set metadata. */
    private static Pod stored(Pod pod) {
        return Defaulting.apply(changed(pod, p -> {
            p.getMetadata().setUid("7c2f4a10-0000-0000-0000-000000000001");
            p.getMetadata().setCreationTimestamp("2025-01-01T00:00:00Z");
        }));
    }

    private static Container container(Pod pod, int index) {
        return pod.getSpec().getContainers().get(index);
    }

    private static ContainerPort port(Pod pod, int index) {
        return container(pod, 0).getPorts().get(index);
    }

    private static void addContainer(Pod pod, Container container) {
        List<Container> containers = new ArrayList<>(pod.getSpec().getContainers());
        containers.add(container);
        pod.getSpec().setContainers(containers);
    }

    private static void addPort(Pod pod, ContainerPort port) {
        List<ContainerPort> ports = new ArrayList<>(container(pod, 0).getPorts());
        ports.add(port);
        container(pod, 0).setPorts(ports);
    }

    private static Toleration toleration(long seconds) {
        return new TolerationBuilder().withKey("node.kubernetes.io/unreachable").withOperator("Exists")
                .withEffect("NoExecute").withTolerationSeconds(seconds).build();
    }

    private static void status(Pod pod, String podIP, String... podIPs) {
        PodStatus status = new PodStatus();
        status.setPodIP(podIP);
        status.setPodIPs(Stream.of(podIPs).map(ip -> new PodIPBuilder().withIp(ip).build()).toList());
        status.setHostIP("192.168.0.11");
        status.setHostIPs(List.of(new HostIPBuilder().withIp("192.168.0.11").build()));
        pod.setStatus(status);
    }

    private static Arguments row(String situation, Consumer<Pod> change, Tuple... expected) {
        return Fixtures.row(situation, change, expected);
    }
}
