package io.kubeplane.apiserver.printing;

import static io.kubeplane.apiserver.printing.PrintingFixtures.cells;
import static io.kubeplane.apiserver.printing.PrintingFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.networking.v1.IPAddress;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceCIDR;
import io.kubeplane.model.ApiResource;
import io.kubeplane.model.ApiResources;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The headers {@code kubectl get} and {@code kubectl get -o wide} show for each resource. */
class PrinterRegistryTest {

    static final ApiResource SERVICE_CIDRS = new ApiResource("networking.k8s.io", "v1", "ServiceCIDR", "servicecidrs",
            "servicecidr", false, List.of(), Set.of("status"), ServiceCIDR.class);
    static final ApiResource IP_ADDRESSES = new ApiResource("networking.k8s.io", "v1", "IPAddress", "ipaddresses",
            "ipaddress", false, List.of("ip"), Set.of(), IPAddress.class);
    /** A kind kubeplane has no printer for. */
    static final ApiResource CONFIG_MAPS = new ApiResource("", "v1", "ConfigMap", "configmaps", "configmap", true,
            List.of("cm"), Set.of(), ConfigMap.class);

    static Stream<Arguments> resources() {
        return Stream.of(
                row(ApiResources.SERVICES, List.of("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"),
                        List.of("SELECTOR")),
                row(ApiResources.ENDPOINTS, List.of("NAME", "ENDPOINTS", "AGE"), List.of()),
                row(ApiResources.ENDPOINT_SLICES, List.of("NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"), List.of()),
                row(ApiResources.PODS, List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE"),
                        List.of("IP", "NODE", "NOMINATED NODE", "READINESS GATES")),
                row(ApiResources.DEPLOYMENTS, List.of("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"),
                        List.of("CONTAINERS", "IMAGES", "SELECTOR")),
                row(ApiResources.NODES, List.of("NAME", "STATUS", "ROLES", "AGE", "VERSION"),
                        List.of("INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME")),
                row(ApiResources.NAMESPACES, List.of("NAME", "STATUS", "AGE"), List.of()),
                row(ApiResources.LEASES, List.of("NAME", "HOLDER", "AGE"), List.of()),
                row(ApiResources.EVENTS, List.of("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"),
                        List.of("SUBOBJECT", "SOURCE", "FIRST SEEN", "COUNT", "NAME")),
                row(SERVICE_CIDRS, List.of("NAME", "CIDRS", "AGE"), List.of()),
                row(IP_ADDRESSES, List.of("NAME", "PARENTREF"), List.of()),
                row(CONFIG_MAPS, List.of("NAME", "AGE"), List.of()));
    }

    @ParameterizedTest
    @MethodSource("resources")
    void showsKubectlsHeaders(ApiResource resource, List<String> headers, List<String> wideOnly) {
        List<ColumnDefinition> columns = PrinterRegistry.standard().printerFor(resource).columns();
        assertThat(header(columns.stream().filter(c -> c.priority() == 0))).isEqualTo(headers);
        assertThat(header(columns.stream().filter(c -> c.priority() == 1))).isEqualTo(wideOnly);
    }

    @Test
    void marksTheNameColumnWithTheNameFormat() {
        for (ApiResource resource : ApiResources.SERVED.all()) {
            List<ColumnDefinition> named = PrinterRegistry.standard().printerFor(resource).columns().stream()
                    .filter(c -> c.format().equals("name"))
                    .toList();
            assertThat(named).as(resource.plural()).singleElement().extracting(ColumnDefinition::name).isEqualTo("Name");
        }
    }

    static Stream<Arguments> minimalObjects() {
        return Stream.of(
                Arguments.of(ApiResources.SERVICES, "kind: Service"),
                Arguments.of(ApiResources.ENDPOINTS, "kind: Endpoints"),
                Arguments.of(ApiResources.ENDPOINT_SLICES, "kind: EndpointSlice"),
                Arguments.of(ApiResources.PODS, "kind: Pod"),
                Arguments.of(ApiResources.DEPLOYMENTS, "kind: Deployment"),
                Arguments.of(ApiResources.NODES, "kind: Node"),
                Arguments.of(ApiResources.NAMESPACES, "kind: Namespace"),
                Arguments.of(ApiResources.EVENTS, "kind: Event"),
                Arguments.of(ApiResources.LEASES, "kind: Lease"),
                Arguments.of(SERVICE_CIDRS, "kind: ServiceCIDR"),
                Arguments.of(CONFIG_MAPS, "kind: ConfigMap"));
    }

    @ParameterizedTest
    @MethodSource("minimalObjects")
    void printsACellPerColumnEvenForAnAlmostEmptyObject(ApiResource resource, String document) {
        ResourcePrinter printer = PrinterRegistry.standard().printerFor(resource);
        assertThat(cells(printer, yaml(document + "\nmetadata: {name: x}"))).hasSameSizeAs(printer.columns());
    }

    private static List<String> header(Stream<ColumnDefinition> columns) {
        return columns.map(c -> c.name().toUpperCase(Locale.ROOT)).toList();
    }

    private static Arguments row(ApiResource resource, List<String> headers, List<String> wideOnly) {
        return Arguments.of(Named.of(resource.groupResource(), resource), headers, wideOnly);
    }
}
