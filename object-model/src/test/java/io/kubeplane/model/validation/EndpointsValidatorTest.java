package io.kubeplane.model.validation;

import static io.kubeplane.model.validation.FieldError.Type.DUPLICATE;
import static io.kubeplane.model.validation.FieldError.Type.INVALID;
import static io.kubeplane.model.validation.FieldError.Type.NOT_SUPPORTED;
import static io.kubeplane.model.validation.FieldError.Type.REQUIRED;
import static io.kubeplane.model.validation.Fixtures.changed;
import static io.kubeplane.model.validation.Fixtures.error;
import static io.kubeplane.model.validation.Fixtures.typesAndFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Pods from 10.244.0.0/16.
class EndpointsValidatorTest {

    private final EndpointsValidator validator = new EndpointsValidator();

    @ParameterizedTest
    @MethodSource
    void create(Consumer<Endpoints> change, List<Tuple> expected) {
        Endpoints endpoints = changed(Fixtures.endpoints(), change);

        assertThat(typesAndFields(validator.validateCreate(endpoints))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(typesAndFields(validator.validateUpdate(endpoints, Fixtures.endpoints()))).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> create() {
        return Stream.of(
                row("one ready and one unready address", e -> { }),
                row("no subsets at all", e -> e.setSubsets(List.of())),
                row("a subset without addresses", e -> {
                    subset(e).setAddresses(List.of());
                    subset(e).setNotReadyAddresses(List.of());
                }, error(REQUIRED, "subsets[0]")),
                row("an address that is not an IP", e -> address(e).setIp("pod-a"), error(INVALID, "subsets[0].addresses[0].ip")),
                row("a loopback address", e -> address(e).setIp("127.0.0.1"), error(INVALID, "subsets[0].addresses[0].ip")),
                row("an unready link-local address", e -> subset(e).getNotReadyAddresses().getFirst().setIp("169.254.0.5"),
                        error(INVALID, "subsets[0].notReadyAddresses[0].ip")),
                row("an IPv6 address", e -> address(e).setIp("fd00:10:244:1::5")),
                row("a hostname with dots", e -> address(e).setHostname("web.0"), error(INVALID, "subsets[0].addresses[0].hostname")),
                row("a node name with an underscore", e -> address(e).setNodeName("node_1"), error(INVALID, "subsets[0].addresses[0].nodeName")),
                row("port 0", e -> port(e).setPort(0), error(INVALID, "subsets[0].ports[0].port")),
                row("protocol QUIC", e -> port(e).setProtocol("QUIC"), error(NOT_SUPPORTED, "subsets[0].ports[0].protocol")),
                row("an unnamed single port", e -> port(e).setName(null)),
                row("an unnamed port among two", e -> addPort(e, new EndpointPortBuilder().withPort(8443).build()),
                        error(REQUIRED, "subsets[0].ports[1].name")),
                row("two ports with one name", e -> addPort(e, new EndpointPortBuilder().withName("http").withPort(8443).build()),
                        error(DUPLICATE, "subsets[0].ports[1].name")),
                row("a port name that is not a DNS label", e -> port(e).setName("http_alt"), error(INVALID, "subsets[0].ports[0].name")));
    }

    @Test
    void aLoopbackAddressIsRefusedWithKubernetesWords() {
        Endpoints endpoints = changed(Fixtures.endpoints(), e -> address(e).setIp("127.0.0.1"));

        assertThat(validator.validateCreate(endpoints)).extracting(FieldError::message).containsExactly(
                "subsets[0].addresses[0].ip: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)");
    }

    private static EndpointSubset subset(Endpoints endpoints) {
        return endpoints.getSubsets().getFirst();
    }

    private static EndpointAddress address(Endpoints endpoints) {
        return subset(endpoints).getAddresses().getFirst();
    }

    private static EndpointPort port(Endpoints endpoints) {
        return subset(endpoints).getPorts().getFirst();
    }

    private static void addPort(Endpoints endpoints, EndpointPort port) {
        List<EndpointPort> ports = new ArrayList<>(subset(endpoints).getPorts());
        ports.add(port);
        subset(endpoints).setPorts(ports);
    }

    private static Arguments row(String situation, Consumer<Endpoints> change, Tuple... expected) {
        return Fixtures.row(situation, change, expected);
    }
}
