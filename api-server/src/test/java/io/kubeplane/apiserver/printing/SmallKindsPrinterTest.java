package io.kubeplane.apiserver.printing;

import static io.kubeplane.apiserver.printing.PrintingFixtures.cells;
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
 * Kinds with a column or two: namespaces (NAME STATUS AGE), ServiceCIDRs (NAME CIDRS AGE), IPAddresses
 * (NAME PARENTREF, plus the age cell Kubernetes sends without a column), leases (NAME HOLDER AGE) and
 * any other kind (NAME AGE).
 * ClusterIPs 10.96.0.0/12 and fd00:10:96::/112; the request is at 12:00.
 */
class SmallKindsPrinterTest {

    static Stream<Arguments> objects() {
        return Stream.of(
                row("active namespace", new NamespacePrinter(), """
                        kind: Namespace
                        metadata: {name: default, creationTimestamp: "2025-02-27T09:00:00Z"}
                        status: {phase: Active}
                        """, "default", "Active", "2d3h"),
                row("namespace being deleted", new NamespacePrinter(), """
                        kind: Namespace
                        metadata: {name: scratch, creationTimestamp: "2025-03-01T11:59:15Z", deletionTimestamp: "2025-03-01T11:59:50Z"}
                        status: {phase: Terminating}
                        """, "scratch", "Terminating", "45s"),
                row("namespace without a phase is Active", new NamespacePrinter(), """
                        kind: Namespace
                        metadata: {name: fresh, creationTimestamp: "2025-03-01T11:55:00Z"}
                        """, "fresh", "Active", "5m"),
                row("dual-stack ServiceCIDR", new ServiceCIDRPrinter(), """
                        apiVersion: networking.k8s.io/v1
                        kind: ServiceCIDR
                        metadata: {name: kubernetes, creationTimestamp: "2025-02-27T09:00:00Z"}
                        spec: {cidrs: [10.96.0.0/12, "fd00:10:96::/112"]}
                        """, "kubernetes", "10.96.0.0/12,fd00:10:96::/112", "2d3h"),
                row("IPAddress of a Service", new IPAddressPrinter(), """
                        apiVersion: networking.k8s.io/v1
                        kind: IPAddress
                        metadata: {name: 10.96.0.10, creationTimestamp: "2025-03-01T11:55:00Z"}
                        spec: {parentRef: {group: "", resource: services, namespace: kube-system, name: kube-dns}}
                        """, "10.96.0.10", "services/kube-system/kube-dns", "5m"),
                row("IPAddress of a cluster-scoped parent in a group", new IPAddressPrinter(), """
                        apiVersion: networking.k8s.io/v1
                        kind: IPAddress
                        metadata: {name: 10.96.0.1, creationTimestamp: "2025-03-01T11:55:00Z"}
                        spec: {parentRef: {group: example.com, resource: Gateways, name: edge}}
                        """, "10.96.0.1", "gateways.example.com/edge", "5m"),
                row("a node's lease", new LeasePrinter(), """
                        apiVersion: coordination.k8s.io/v1
                        kind: Lease
                        metadata: {name: node-1, namespace: kube-node-lease, creationTimestamp: "2025-02-27T09:00:00Z"}
                        spec: {holderIdentity: node-1, leaseDurationSeconds: 40, renewTime: "2025-03-01T11:59:50.123456Z"}
                        """, "node-1", "node-1", "2d3h"),
                row("a lease nobody holds", new LeasePrinter(), """
                        apiVersion: coordination.k8s.io/v1
                        kind: Lease
                        metadata: {name: kube-scheduler, namespace: kube-system, creationTimestamp: "2025-03-01T11:55:00Z"}
                        spec: {leaseDurationSeconds: 15}
                        """, "kube-scheduler", "", "5m"),
                row("any other kind", new DefaultPrinter(), """
                        kind: ConfigMap
                        metadata: {name: kube-root-ca.crt, namespace: kube-system, creationTimestamp: "2025-03-01T11:55:00Z"}
                        """, "kube-root-ca.crt", "5m"),
                row("any other kind without a timestamp", new DefaultPrinter(), """
                        kind: ConfigMap
                        metadata: {name: settings}
                        """, "settings", "<unknown>"));
    }

    @ParameterizedTest
    @MethodSource("objects")
    void printsTheirFewColumns(ResourcePrinter printer, JsonNode object, List<Object> expected) {
        assertThat(cells(printer, object)).isEqualTo(expected);
    }

    private static Arguments row(String situation, ResourcePrinter printer, String document, Object... expected) {
        return Arguments.of(Named.of(situation, printer), yaml(document), List.of(expected));
    }
}
