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
 * {@code kubectl get endpoints}: NAME ENDPOINTS AGE. Pods 10.244.0.0/16 and fd00:10:244::/56; every
 * object was created at 11:55, five minutes before the request.
 */
class EndpointsPrinterTest {

    static Stream<Arguments> endpoints() {
        return Stream.of(
                row("no subsets yet", "{}", "<none>"),
                row("empty subsets", "subsets: []", "<none>"),
                row("one address, one port", """
                        subsets:
                        - addresses: [{ip: 10.244.0.5, nodeName: kind-worker}]
                          ports: [{name: http, port: 8080, protocol: TCP}]
                        """, "10.244.0.5:8080"),
                row("endpoints over three addresses", """
                        subsets:
                        - addresses: [{ip: 10.244.0.5}, {ip: 10.244.0.6}, {ip: 10.244.1.7}, {ip: 10.244.1.8}]
                          ports: [{port: 8080, protocol: TCP}]
                        """, "10.244.0.5:8080,10.244.0.6:8080,10.244.1.7:8080 + 1 more..."),
                row("two addresses times two ports, port by port", """
                        subsets:
                        - addresses: [{ip: 10.244.0.5}, {ip: 10.244.0.6}]
                          ports: [{name: http, port: 8080}, {name: https, port: 8443}]
                        """, "10.244.0.5:8080,10.244.0.6:8080,10.244.0.5:8443 + 1 more..."),
                row("two subsets", """
                        subsets:
                        - addresses: [{ip: 10.244.0.5}]
                          ports: [{port: 8080}]
                        - addresses: [{ip: 10.244.1.9}]
                          ports: [{port: 9090}]
                        """, "10.244.0.5:8080,10.244.1.9:9090"),
                row("headless service without ports", """
                        subsets:
                        - addresses: [{ip: 10.244.0.5}, {ip: 10.244.0.6}, {ip: 10.244.1.7}, {ip: 10.244.1.8}, {ip: 10.244.2.2}]
                        """, "10.244.0.5,10.244.0.6,10.244.1.7 + 2 more..."),
                row("only not-ready addresses show an empty cell", """
                        subsets:
                        - notReadyAddresses: [{ip: 10.244.0.5}]
                          ports: [{port: 8080}]
                        """, ""),
                row("not-ready addresses are left out", """
                        subsets:
                        - addresses: [{ip: 10.244.0.5}]
                          notReadyAddresses: [{ip: 10.244.0.6}]
                          ports: [{port: 8080}]
                        """, "10.244.0.5:8080"),
                row("IPv6 addresses in brackets", """
                        subsets:
                        - addresses: [{ip: "fd00:10:244::5"}]
                          ports: [{port: 8080}]
                        """, "[fd00:10:244::5]:8080"));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void printsReadyAddressesAndPorts(JsonNode endpoints, List<Object> expected) {
        assertThat(cells(new EndpointsPrinter(), endpoints)).isEqualTo(expected);
    }

    private static Arguments row(String situation, String body, String shown) {
        JsonNode endpoints = withMetadata(yaml(body), "web", "2025-03-01T11:55:00Z");
        return Arguments.of(Named.of(situation, endpoints), List.of("web", shown, "5m"));
    }
}
