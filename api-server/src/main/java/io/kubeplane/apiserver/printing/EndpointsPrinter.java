package io.kubeplane.apiserver.printing;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubectl get endpoints}: NAME ENDPOINTS AGE, as {@code printEndpoints}.
 *
 * <p>ENDPOINTS lists the ready addresses as {@code ip:port} for every address and port of every
 * subset (just the IP in a subset without ports), at most three, then {@code + N more...}, e.g.
 * {@code 10.244.0.5:8080,10.244.0.6:8080,10.244.1.7:8080 + 1 more...}. An object without subsets
 * shows {@code <none>}; one whose subsets hold only not-ready addresses shows an empty cell, as
 * kube-apiserver does. Stateless.
 */
final class EndpointsPrinter extends TypedPrinter<Endpoints> {

    private static final int MAX = 3;

    static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.NAME,
            ColumnDefinition.column("Endpoints", "string", FieldDescriptions.ENDPOINTS_SUBSETS),
            ColumnDefinition.AGE);

    EndpointsPrinter() {
        super(Endpoints.class);
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    TableRow print(Endpoints endpoints, Instant now) {
        return TableRow.of(name(endpoints), format(endpoints.getSubsets()), age(endpoints, now));
    }

    private static String format(List<EndpointSubset> subsets) {
        if (subsets.isEmpty()) {
            return CellFormats.NONE;
        }
        List<String> shown = new ArrayList<>(MAX);
        int total = 0;
        for (EndpointSubset subset : subsets) {
            List<EndpointAddress> addresses = subset.getAddresses();
            if (subset.getPorts().isEmpty()) {
                // A headless service may have no ports: then the addresses alone.
                total += addresses.size();
                for (EndpointAddress address : addresses) {
                    if (shown.size() == MAX) {
                        break;
                    }
                    shown.add(CellFormats.text(address.getIp()));
                }
                continue;
            }
            for (EndpointPort port : subset.getPorts()) {
                total += addresses.size();
                for (EndpointAddress address : addresses) {
                    if (shown.size() == MAX) {
                        break;
                    }
                    shown.add(hostPort(CellFormats.text(address.getIp()), CellFormats.number(port.getPort())));
                }
            }
        }
        String joined = String.join(",", shown);
        return total > MAX ? joined + " + " + (total - MAX) + " more..." : joined;
    }

    /** {@code host:port}, with an IPv6 host in brackets, as Go's {@code net.JoinHostPort}. */
    static String hostPort(String host, int port) {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
