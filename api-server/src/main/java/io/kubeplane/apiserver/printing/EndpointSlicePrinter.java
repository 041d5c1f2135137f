package io.kubeplane.apiserver.printing;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubectl get endpointslices}: NAME ADDRESSTYPE PORTS ENDPOINTS AGE, as
 * {@code printEndpointSlice}.
 *
 * <p>PORTS lists port numbers (a port without a number shows its name, one with neither {@code *});
 * ENDPOINTS lists every address of every endpoint, ready or not. Both show at most three entries,
 * then {@code + N more...}, and {@code <unset>} when empty. Stateless.
 */
final class EndpointSlicePrinter extends TypedPrinter<EndpointSlice> {

    private static final int MAX = 3;

    static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.NAME,
            ColumnDefinition.column("AddressType", "string", FieldDescriptions.ENDPOINT_SLICE_ADDRESS_TYPE),
            ColumnDefinition.column("Ports", "string", FieldDescriptions.ENDPOINT_SLICE_PORTS),
            ColumnDefinition.column("Endpoints", "string", FieldDescriptions.ENDPOINT_SLICE_ENDPOINTS),
            ColumnDefinition.AGE);

    EndpointSlicePrinter() {
        super(EndpointSlice.class);
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    TableRow print(EndpointSlice slice, Instant now) {
        return TableRow.of(name(slice), CellFormats.text(slice.getAddressType()), ports(slice.getPorts()),
                endpoints(slice.getEndpoints()), age(slice, now));
    }

    private static String ports(List<EndpointPort> ports) {
        List<String> shown = new ArrayList<>(MAX);
        for (EndpointPort port : ports) {
            if (shown.size() == MAX) {
                break;
            }
            if (port.getPort() != null) {
                shown.add(Integer.toString(port.getPort()));
            } else {
                shown.add(port.getName() != null ? port.getName() : "*");
            }
        }
        return CellFormats.listWithMore(shown, ports.size(), MAX);
    }

    private static String endpoints(List<Endpoint> endpoints) {
        List<String> shown = new ArrayList<>(MAX);
        int total = 0;
        for (Endpoint endpoint : endpoints) {
            for (String address : endpoint.getAddresses()) {
                if (shown.size() < MAX) {
                    shown.add(address);
                }
                total++;
            }
        }
        return CellFormats.listWithMore(shown, total, MAX);
    }
}
