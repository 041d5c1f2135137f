package io.kubeplane.apiserver.printing;

import static io.kubeplane.apiserver.printing.PrintingFixtures.cells;
import static io.kubeplane.apiserver.printing.PrintingFixtures.withMetadata;
import static io.kubeplane.apiserver.printing.PrintingFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code kubectl get endpointslices}: NAME ADDRESSTYPE PORTS ENDPOINTS AGE. Pods 10.244.0.0/16 and
 * fd00:10:244::/56; every slice was created at 11:55, five minutes before the request.
 */
class EndpointSlicePrinterTest {

    static Stream<Arguments> slices() {
        return Stream.of(
                row("IPv4 slice with two ready endpoints", """
                        addressType: IPv4
                        ports: [{name: http, port: 8080, protocol: TCP}]
                        endpoints:
                        - {addresses: [10.244.0.5], conditions: {ready: true}, nodeName: kind-worker}
                        - {addresses: [10.244.1.7], conditions: {ready: true}, nodeName: kind-worker2}
                        """, "IPv4", "8080", "10.244.0.5,10.244.1.7"),
                row("not-ready and terminating endpoints are listed too", """
                        addressType: IPv4
                        ports: [{name: http, port: 8080, protocol: TCP}]
                        endpoints:
                        - {addresses: [10.244.0.5], conditions: {ready: false, serving: true, terminating: true}}
                        - {addresses: [10.244.0.6], conditions: {ready: false}}
                        """, "IPv4", "8080", "10.244.0.5,10.244.0.6"),
                row("more than three endpoints", """
                        addressType: IPv4
                        ports: [{port: 8080}]
                        endpoints:
                        - {addresses: [10.244.0.5]}
                        - {addresses: [10.244.0.6]}
                        - {addresses: [10.244.1.7]}
                        - {addresses: [10.244.1.8]}
                        - {addresses: [10.244.2.9]}
                        """, "IPv4", "8080", "10.244.0.5,10.244.0.6,10.244.1.7 + 2 more..."),
                row("more than three ports", """
                        addressType: IPv4
                        ports: [{port: 80}, {port: 443}, {port: 8080}, {port: 9090}]
                        endpoints: [{addresses: [10.244.0.5]}]
                        """, "IPv4", "80,443,8080 + 1 more...", "10.244.0.5"),
                row("port without a number shows its name, one with neither a star", """
                        addressType: IPv4
                        ports: [{name: http}, {}]
                        endpoints: [{addresses: [10.244.0.5]}]
                        """, "IPv4", "http,*", "10.244.0.5"),
                row("slice of a service without ports or endpoints", """
                        addressType: IPv4
                        ports: []
                        endpoints: []
                        """, "IPv4", "<unset>", "<unset>"),
                row("IPv6 slice", """
                        addressType: IPv6
                        ports: [{name: http, port: 8080, protocol: TCP}]
                        endpoints: [{addresses: ["fd00:10:244::5"]}]
                        """, "IPv6", "8080", "fd00:10:244::5"),
                row("FQDN slice", """
                        addressType: FQDN
                        ports: [{port: 443}]
                        endpoints: [{addresses: [db.example.com]}]
                        """, "FQDN", "443", "db.example.com"));
    }

    @ParameterizedTest
    @MethodSource("slices")
    void printsAddressTypePortsAndEndpoints(JsonNode slice, List<Object> expected) {
        assertThat(cells(new EndpointSlicePrinter(), slice)).isEqualTo(expected);
    }

    private static Arguments row(String situation, String body, String addressType, String ports, String endpoints) {
        JsonNode slice = withMetadata(yaml("apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\n" + body),
                "web-x7k2p", "2025-03-01T11:55:00Z");
        return Arguments.of(Named.of(situation, slice), List.of("web-x7k2p", addressType, ports, endpoints, "5m"));
    }
}
