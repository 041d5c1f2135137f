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

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddressBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cluster-scoped kinds: Nodes and Namespaces. Pod CIDRs from 10.244.0.0/16 and fd00:10:244::/56. */
class ClusterKindsValidatorTest {

    private final NodeValidator nodes = new NodeValidator();
    private final NamespaceValidator namespaces = new NamespaceValidator();

    @ParameterizedTest
    @MethodSource
    void node(Consumer<Node> change, List<Tuple> expected) {
        Node node = changed(Fixtures.node(), change);

        assertThat(typesAndFields(nodes.validateCreate(node))).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> node() {
        return Stream.of(
                Fixtures.<Node>row("a node with a pod CIDR", n -> { }),
                Fixtures.<Node>row("a node not yet given a CIDR", n -> {
                    n.getSpec().setPodCIDR(null);
                    n.getSpec().setPodCIDRs(List.of());
                }),
                Fixtures.<Node>row("a name with an underscore", n -> n.getMetadata().setName("node_1"), error(INVALID, "metadata.name")),
                Fixtures.<Node>row("a namespace on a node", n -> n.getMetadata().setNamespace("default"), error(FORBIDDEN, "metadata.namespace")),
                Fixtures.<Node>row("a pod CIDR without a length", n -> {
                    n.getSpec().setPodCIDR("10.244.1.0");
                    n.getSpec().setPodCIDRs(List.of("10.244.1.0"));
                }, error(INVALID, "spec.podCIDR"), error(INVALID, "spec.podCIDRs[0]")),
                Fixtures.<Node>row("dual-stack pod CIDRs", n -> n.getSpec().setPodCIDRs(List.of("10.244.1.0/24", "fd00:10:244:1::/64"))),
                Fixtures.<Node>row("two IPv4 pod CIDRs", n -> n.getSpec().setPodCIDRs(List.of("10.244.1.0/24", "10.244.2.0/24")),
                        error(INVALID, "spec.podCIDRs")),
                Fixtures.<Node>row("podCIDR not the first of podCIDRs", n -> n.getSpec().setPodCIDR("10.244.2.0/24"),
                        error(INVALID, "spec.podCIDR")),
                Fixtures.<Node>row("a NoSchedule taint", n -> n.getSpec().setTaints(List.of(taint("dedicated", "web", "NoSchedule")))),
                Fixtures.<Node>row("a taint with an unknown effect", n -> n.getSpec().setTaints(List.of(taint("dedicated", "web", "NoRun"))),
                        error(NOT_SUPPORTED, "spec.taints[0].effect")),
                Fixtures.<Node>row("a taint without an effect", n -> n.getSpec().setTaints(List.of(taint("dedicated", "web", null))),
                        error(REQUIRED, "spec.taints[0].effect")),
                Fixtures.<Node>row("a taint key with a space", n -> n.getSpec().setTaints(List.of(taint("dedicated to", "web", "NoExecute"))),
                        error(INVALID, "spec.taints[0].key")),
                Fixtures.<Node>row("the same taint key and effect twice", n -> n.getSpec().setTaints(List.of(
                        taint("dedicated", "web", "NoSchedule"), taint("dedicated", "api", "NoSchedule"))),
                        error(DUPLICATE, "spec.taints[1]")),
                Fixtures.<Node>row("one key with two effects", n -> n.getSpec().setTaints(List.of(
                        taint("dedicated", "web", "NoSchedule"), taint("dedicated", "web", "NoExecute")))));
    }

    @Test
    void aNodesPodCidrIsAssignedOnce() {
        Node unassigned = changed(Fixtures.node(), n -> {
            n.getSpec().setPodCIDR(null);
            n.getSpec().setPodCIDRs(List.of());
        });
        Node assigned = Fixtures.node();

        assertThat(nodes.validateUpdate(assigned, unassigned)).isEmpty();
        assertThat(nodes.validateUpdate(changed(assigned, n -> {
            n.getSpec().setPodCIDR("10.244.2.0/24");
            n.getSpec().setPodCIDRs(List.of("10.244.2.0/24"));
        }), assigned)).extracting(FieldError::message)
                .containsExactly("spec.podCIDRs: Forbidden: node updates may not change podCIDR except from \"\" to valid");
    }

    @Test
    void nodeStatusAddressesHaveKnownTypes() {
        Node node = Fixtures.node();
        Node heartbeat = changed(node, n -> {
            NodeStatus status = new NodeStatus();
            status.setAddresses(List.of(
                    new NodeAddressBuilder().withType("InternalIP").withAddress("192.168.0.11").build(),
                    new NodeAddressBuilder().withType("Hostname").withAddress("node-1").build(),
                    new NodeAddressBuilder().withType("InternalIP").withAddress("node-1").build(),
                    new NodeAddressBuilder().withType("LegacyHostIP").withAddress("192.168.0.11").build()));
            n.setStatus(status);
        });

        assertThat(typesAndFields(nodes.validateStatusUpdate(heartbeat, node)))
                .containsExactly(error(INVALID, "status.addresses[2].address"), error(NOT_SUPPORTED, "status.addresses[3].type"));
    }

    @ParameterizedTest
    @MethodSource
    void namespace(Consumer<Namespace> change, List<Tuple> expected) {
        Namespace namespace = changed(Fixtures.namespace(), change);

        assertThat(typesAndFields(namespaces.validateCreate(namespace))).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> namespace() {
        return Stream.of(
                Fixtures.<Namespace>row("a DNS label name", n -> { }),
                Fixtures.<Namespace>row("a name with a dot", n -> n.getMetadata().setName("team.a"), error(INVALID, "metadata.name")),
                Fixtures.<Namespace>row("a name of 64 characters", n -> n.getMetadata().setName("a".repeat(64)), error(INVALID, "metadata.name")),
                Fixtures.<Namespace>row("a namespace inside a namespace", n -> n.getMetadata().setNamespace("default"),
                        error(FORBIDDEN, "metadata.namespace")),
                Fixtures.<Namespace>row("the kubernetes finalizer", n -> n.setSpec(new io.fabric8.kubernetes.api.model.NamespaceSpec(List.of("kubernetes")))),
                Fixtures.<Namespace>row("an unqualified finalizer", n -> n.setSpec(new io.fabric8.kubernetes.api.model.NamespaceSpec(List.of("cleanup"))),
                        error(INVALID, "spec.finalizers[0]")));
    }

    @Test
    void namespacePhasesAreActiveOrTerminating() {
        Namespace namespace = Fixtures.namespace();
        Namespace gone = changed(namespace, n -> n.setStatus(new NamespaceStatus(List.of(), "Gone")));

        assertThat(namespaces.validateStatusUpdate(changed(namespace, n -> n.setStatus(new NamespaceStatus(List.of(), "Terminating"))),
                namespace)).isEmpty();
        assertThat(namespaces.validateStatusUpdate(gone, namespace)).extracting(FieldError::message)
                .containsExactly("status.phase: Unsupported value: \"Gone\": supported values: \"Active\", \"Terminating\"");
    }

    private static io.fabric8.kubernetes.api.model.Taint taint(String key, String value, String effect) {
        return new TaintBuilder().withKey(key).withValue(value).withEffect(effect).build();
    }
}
