package io.kubeplane.model.validation;

import static io.kubeplane.model.validation.FieldError.Type.DUPLICATE;
import static io.kubeplane.model.validation.FieldError.Type.INVALID;
import static io.kubeplane.model.validation.FieldError.Type.NOT_SUPPORTED;
import static io.kubeplane.model.validation.FieldError.Type.REQUIRED;
import static io.kubeplane.model.validation.FieldError.Type.TOO_MANY;
import static io.kubeplane.model.validation.Fixtures.changed;
import static io.kubeplane.model.validation.Fixtures.error;
import static io.kubeplane.model.validation.Fixtures.typesAndFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Pods from 10.244.0.0/16 and fd00:10:244::/64.
class EndpointSliceValidatorTest {

    private final EndpointSliceValidator validator = new EndpointSliceValidator();

    @ParameterizedTest
    @MethodSource
    void create(Consumer<EndpointSlice> change, List<Tuple> expected) {
        EndpointSlice slice = changed(Fixtures.endpointSlice(), change);

        assertThat(typesAndFields(validator.validateCreate(slice))).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> create() {
        return Stream.of(
                row("one ready IPv4 endpoint", s -> { }),
                row("an endpoint without conditions", s -> endpoint(s).setConditions(null)),
                row("no endpoints yet", s -> s.setEndpoints(List.of())),
                row("no address type", s -> s.setAddressType(null), error(REQUIRED, "addressType")),
                row("address type IP (deprecated)", s -> s.setAddressType("IP"), error(NOT_SUPPORTED, "addressType")),
                row("an endpoint without addresses", s -> endpoint(s).setAddresses(List.of()), error(REQUIRED, "endpoints[0].addresses")),
                row("an IPv6 address in an IPv4 slice", s -> endpoint(s).setAddresses(List.of("fd00:10:244:1::5")),
                        error(INVALID, "endpoints[0].addresses[0]")),
                row("an IPv6 slice", s -> {
                    s.setAddressType("IPv6");
                    endpoint(s).setAddresses(List.of("fd00:10:244:1::5"));
                }),
                row("a loopback address", s -> endpoint(s).setAddresses(List.of("127.0.0.1")), error(INVALID, "endpoints[0].addresses[0]")),
                row("an FQDN slice", s -> {
                    s.setAddressType("FQDN");
                    endpoint(s).setAddresses(List.of("db.example.com"));
                }),
                row("a single-label FQDN", s -> {
                    s.setAddressType("FQDN");
                    endpoint(s).setAddresses(List.of("db"));
                }, error(INVALID, "endpoints[0].addresses[0]")),
                row("101 addresses in one endpoint", s -> endpoint(s).setAddresses(
                        IntStream.range(0, 101).mapToObj(i -> "10.244.1." + (i + 1)).toList()), error(TOO_MANY, "endpoints[0].addresses")),
                row("1001 endpoints", s -> s.setEndpoints(IntStream.range(0, 1001).mapToObj(i -> new EndpointBuilder()
                        .withAddresses("10.244." + (i / 250) + "." + (i % 250 + 1)).build()).toList()), error(TOO_MANY, "endpoints")),
                row("1000 endpoints", s -> s.setEndpoints(IntStream.range(0, 1000).mapToObj(i -> new EndpointBuilder()
                        .withAddresses("10.244." + (i / 250) + "." + (i % 250 + 1)).build()).toList())),
                row("a node name with an underscore", s -> endpoint(s).setNodeName("node_1"), error(INVALID, "endpoints[0].nodeName")),
                row("a hostname with a dot", s -> endpoint(s).setHostname("web.0"), error(INVALID, "endpoints[0].hostname")),
                row("101 ports", s -> s.setPorts(IntStream.range(0, 101).mapToObj(i -> new EndpointPortBuilder()
                        .withName("p" + i).withPort(8000 + i).build()).toList()), error(TOO_MANY, "ports")),
                row("two unnamed ports", s -> addPort(s, new EndpointPortBuilder().withPort(8443).build()), error(DUPLICATE, "ports[1].name")),
                row("a port name with upper case", s -> port(s).setName("HTTP"), error(INVALID, "ports[0].name")),
                row("port 0", s -> port(s).setPort(0), error(INVALID, "ports[0].port")),
                row("a port without a number (all ports)", s -> port(s).setPort(null)),
                row("protocol ICMP", s -> port(s).setProtocol("ICMP"), error(NOT_SUPPORTED, "ports[0].protocol")));
    }

    @Test
    void theAddressTypeNeverChanges() {
        EndpointSlice old = Fixtures.endpointSlice();
        EndpointSlice slice = changed(old, s -> {
            s.setAddressType("IPv6");
            endpoint(s).setAddresses(List.of("fd00:10:244:1::5"));
        });

        assertThat(validator.validateUpdate(slice, old)).extracting(FieldError::message)
                .containsExactly("addressType: Invalid value: \"IPv6\": field is immutable");
        assertThat(validator.validateUpdate(changed(old, s -> endpoint(s).setAddresses(List.of("10.244.1.6"))), old)).isEmpty();
    }

    @Test
    void tooManyEndpointsReadsAsKubernetes() {
        EndpointSlice slice = changed(Fixtures.endpointSlice(), s -> s.setEndpoints(IntStream.range(0, 1001)
                .mapToObj(i -> new EndpointBuilder().withAddresses("10.244.1.1").build()).toList()));

        assertThat(validator.validateCreate(slice)).extracting(FieldError::message)
                .containsExactly("endpoints: Too many: 1001: must have at most 1000 items");
    }

    private static Endpoint endpoint(EndpointSlice slice) {
        return slice.getEndpoints().getFirst();
    }

    private static EndpointPort port(EndpointSlice slice) {
        return slice.getPorts().getFirst();
    }

    private static void addPort(EndpointSlice slice, EndpointPort port) {
        port(slice).setName(null);
        List<EndpointPort> ports = new ArrayList<>(slice.getPorts());
        ports.add(port);
        slice.setPorts(ports);
    }

    private static Arguments row(String situation, Consumer<EndpointSlice> change, Tuple... expected) {
        return Fixtures.row(situation, change, expected);
    }
}
